/* eslint-disable no-console, no-restricted-properties -- a command-line tool (run by the seed without the service keys) talks to its terminal and reads two settings itself */
import { rebuildReadModels } from "../src/application/rebuild-read-models";
import { createDb } from "../src/adapters/out/prisma/client";
import { productDeps } from "../src/deps";
import { defaultDatabaseUrl } from "@shop/service-kit/services";
import { isTimeZone } from "../src/domain/sales";
import { DEFAULT_SALES_WINDOW } from "../src/deps";

/**
 * `npm run rebuild-read-models -w @shop/product-service`: empties every read model and replays
 * the event history into it, in one transaction (readers see the old models until it commits).
 */
// Only what a rebuild needs (the seed runs it without the service's keys): the database and the
// time zone the days are counted in (SHOP_TIME_ZONE, as the service reads it in env.ts).
const timeZone = process.env.SHOP_TIME_ZONE || DEFAULT_SALES_WINDOW.timeZone;
if (!isTimeZone(timeZone)) throw new Error(`SHOP_TIME_ZONE: "${timeZone}" is not a time zone`);
const salesWindow = { ...DEFAULT_SALES_WINDOW, timeZone };
const db = createDb(process.env.DATABASE_URL ?? defaultDatabaseUrl("product-service"), 2);
try {
  const started = Date.now();
  const { events } = await rebuildReadModels(productDeps(db, salesWindow));
  console.log(`read models rebuilt from ${events} events in ${Date.now() - started} ms`);
} finally {
  await db.$disconnect();
}
