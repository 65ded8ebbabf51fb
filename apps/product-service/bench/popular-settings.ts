/* eslint-disable no-restricted-properties -- a command-line tool: its environment is its interface */
// The settings of `bench:popular` (bench/popular.ts names each variable) and the limits it reports.
import { randomBytes } from "node:crypto";
import { localPostgresServer } from "@shop/service-kit/migrate";
import { DEFAULT_SALES_WINDOW } from "../src/deps";
import { isTimeZone, type SalesWindow } from "../src/domain/sales";

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
export const PRODUCTS = num("BENCH_POPULAR_PRODUCTS", 200);
export const LINES = num("BENCH_POPULAR_LINES", 1_000_000);
export const HISTORY_DAYS = num("BENCH_POPULAR_DAYS", 30);
export const LIVE_ORDERS = num("BENCH_POPULAR_LIVE_ORDERS", 2_000);
export const RATE = num("BENCH_POPULAR_RATE", 1_000);
export const SECONDS = num("BENCH_POPULAR_SECONDS", 10);
export const RUNS = num("BENCH_POPULAR_RUNS", 5);
export const POOL = num("BENCH_POOL", 10);
export const CONNECTIONS = num("BENCH_CONNECTIONS", 64);
export const salesWindow: SalesWindow = {
  days: num("POPULAR_WINDOW_DAYS", DEFAULT_SALES_WINDOW.days),
  timeZone: process.env.SHOP_TIME_ZONE || DEFAULT_SALES_WINDOW.timeZone,
};
if (!isTimeZone(salesWindow.timeZone))
  throw new Error(`SHOP_TIME_ZONE: "${salesWindow.timeZone}" is not a time zone`);

/** The limits issue 14 sets. */
export const P99_LIMIT_MS = 10;
export const RATIO_LIMIT = 20;
/** An order has 1 to 4 lines (order i has i % 4 + 1), 2.5 on average. */
export const ORDERS = Math.round(LINES / 2.5);
/** Bulk orders per INSERT: a line of progress each, and no statement near its timeout. */
export const CHUNK = 50_000;
/** No request, statement or phase may hang the run (the database is dropped all the same). */
export const REQUEST_TIMEOUT_MS = 5_000;
export const STATEMENT_TIMEOUT_MS = 120_000;

// The local server's Unix socket when it has one, as the checkout bench's stack connects.
const dbServer = new URL(process.env.TEST_DATABASE_URL ?? localPostgresServer());
dbServer.pathname = `/shop_product_bench_${randomBytes(4).toString("hex")}_test`;
export const url = dbServer.toString();
// The bench's own connections (seeding, the checks, the query timings) are bounded server-side.
export const benchUrl = new URL(url);
benchUrl.searchParams.set("options", `-c statement_timeout=${STATEMENT_TIMEOUT_MS}`);
