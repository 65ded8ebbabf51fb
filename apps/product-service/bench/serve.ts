/* eslint-disable no-restricted-properties -- a benchmark's helper process: its environment is its interface */
// The product service's HTTP server for `bench:popular`, in a process of its own (as in
// production, so the load generator does not share its event loop): its real router and
// credential check on the bench's database. The database, the pool, the sales window and the
// BFF's public key come from the parent; it answers with its URL over IPC and serves until the
// parent disconnects (or dies: the IPC channel closes with it).
import { createPublicKey } from "node:crypto";
import {
  createLogger,
  internalCredentialVerifier,
  startServiceServer,
  systemClock,
} from "@shop/service-kit";
import { productServiceRouter } from "../src/adapters/in/trpc/router";
import { createContextFactory } from "../src/adapters/in/trpc/trpc";
import { createDb } from "../src/adapters/out/prisma/client";
import { productDeps } from "../src/deps";

const env = process.env;
const db = createDb(env.BENCH_DATABASE_URL as string, Number(env.BENCH_POOL));
const deps = productDeps(
  db,
  { days: Number(env.POPULAR_WINDOW_DAYS), timeZone: env.SHOP_TIME_ZONE as string },
  systemClock,
  Number(env.POPULAR_CACHE_MS ?? 1_000), // as the service runs
);
const log = createLogger("product-bench", "silent");
const server = await startServiceServer({
  name: "product-service",
  router: productServiceRouter,
  createContext: createContextFactory({
    deps,
    log,
    verifier: internalCredentialVerifier(
      createPublicKey(env.BENCH_PUBLIC_KEY as string),
      "product-service",
    ),
  }),
  host: "127.0.0.1",
  port: 0,
  logger: log,
});
process.send?.({ url: server.url });
// The parent asks for this process's CPU time around a load phase: the service's cost a request.
process.on("message", (m) => {
  if (m === "cpu") process.send?.({ cpu: process.cpuUsage() });
});
process.on("disconnect", () => {
  void server
    .close()
    .then(() => db.$disconnect())
    .then(() => process.exit(0));
});
