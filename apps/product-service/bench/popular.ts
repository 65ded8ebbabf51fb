/* eslint-disable no-console, no-restricted-properties -- a command-line tool: its terminal and its environment are its interface */
// `npm run bench:popular -w @shop/product-service`: the popular products of issue 14, on a
// throwaway database (dropped at the end, also on failure or Ctrl-C).
// 1. Seeds a catalog through the service's own write path (createProduct: the product rows,
//    their product.created events in the outbox and the event history) and rebuilds the read
//    models from that history (the rebuild use case). Then order lines of completed orders,
//    spread over more days than the popular window, recorded as the projector records them:
//    order.completed envelopes in event_history. Most are bulk-inserted in SQL, and their daily
//    sales added with the sums the projector's statement makes per order, in one statement;
//    the last orders go through the projector's own use case (projectCompletedOrder), so the
//    read model holds both and the check below covers the live path too.
// 2. Checks that the API's top 5 (read model) equals the top 5 computed on the fly from the raw
//    order lines (PrismaSalesView.naiveTop), units per product: a fast wrong answer is worthless.
// 3. products.popular over HTTP through the service's router and credential check (its own
//    process, bench/serve.ts; the bench plays the BFF), open loop at a fixed rate: each request
//    is sent at its scheduled time whatever the answers before it, and its latency counts from
//    that time, so queueing anywhere (the client's sockets included) is in the figure.
// 4. The naive query and the read model's query through the SalesView, median of N runs.
// The load generator, the service and PostgreSQL share this machine's cores.
//   BENCH_POPULAR_PRODUCTS (200), BENCH_POPULAR_LINES (1000000), BENCH_POPULAR_DAYS (30 days of
//   history), BENCH_POPULAR_LIVE_ORDERS (2000 through the projector), BENCH_POPULAR_RATE (1000
//   requests/s), BENCH_POPULAR_SECONDS (10), BENCH_POPULAR_RUNS (5), BENCH_POOL (10, the
//   service's default), BENCH_CONNECTIONS (64 keep-alive sockets at most), POPULAR_WINDOW_DAYS
//   (3) and SHOP_TIME_ZONE (UTC) as the service reads them, TEST_DATABASE_URL (the local
//   server, by its Unix socket if it has one), BENCH_NODE_ARGS (the service's extra node
//   flags, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_JSON (a file to write the figures
//   to as JSON too, for `npm run bench`'s table).
// Figures are printed beside their limits, never asserted (the machine is shared and noisy); a
// read model that disagrees with the raw order lines fails the run.
// Its parts: popular-settings.ts (the variables above), popular-history.ts (1.), popular-load.ts
// (the service's process and the load of 3.), popular-cpu.ts and popular-figures.ts.
import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import http from "node:http";
import { dropDatabase, ensureDatabase } from "@shop/service-kit/migrate";
import { testCredentials } from "@shop/service-kit/test-fixtures";
import { createDb } from "../src/adapters/out/prisma/client";
import { PrismaSalesView } from "../src/adapters/out/prisma/sales-view";
import { productDeps } from "../src/deps";
import { windowDays } from "../src/domain/sales";
import { cpuPerRequest, cpuSnapshot } from "./popular-cpu";
import { int, ms, pct, phase, timed } from "./popular-figures";
import { seed } from "./popular-history";
import { popularRequests, startServer } from "./popular-load";
import {
  benchUrl,
  CONNECTIONS,
  HISTORY_DAYS,
  LINES,
  ORDERS,
  P99_LIMIT_MS,
  POOL,
  PRODUCTS,
  RATE,
  RATIO_LIMIT,
  RUNS,
  salesWindow,
  SECONDS,
  url,
} from "./popular-settings";

// On Ctrl-C the database goes too (the drop ends its connections, which fails the phase under
// way; the cleanup below then finds it gone). Every signal is caught, not only the first: tsx
// passes on the one the terminal sent to the whole process group, so it arrives twice.
let interrupted = false;
let child: ChildProcess | undefined;
const dropOnSignal = (signal: NodeJS.Signals) =>
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    process.exitCode = 130;
    child?.kill();
    void dropDatabase(url).finally(() => process.exit(130));
  });
dropOnSignal("SIGINT");
dropOnSignal("SIGTERM");

await ensureDatabase(url);
const db = createDb(benchUrl.toString(), POOL);
const deps = productDeps(db, salesWindow);
const sales = new PrismaSalesView(db);
const bff = testCredentials();
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
// An idle connection ended by the drop on Ctrl-C is expected; anything else is reported.
db.sql.on("error", (err) => interrupted || console.error(err));
const { popularOverHttp, openLoop } = popularRequests(bff, agent);

try {
  console.log(
    `popular products: ${PRODUCTS} products, ${int(LINES)} order lines in ${int(ORDERS)} completed` +
      ` orders over ${HISTORY_DAYS} days; window ${salesWindow.days} days in ${salesWindow.timeZone}`,
  );
  await seed(db, deps);
  const server = await phase("service started (bench/serve.ts)", 60, () => {
    const started = startServer(bff);
    child = started.child;
    return started.url;
  });

  const days = windowDays(new Date(), salesWindow);
  const { topOk, counts } = await phase(
    "check: read model against the raw order lines",
    120,
    async () => {
      const answer = await popularOverHttp(server, true);
      if (answer.status !== 200)
        throw new Error(`products.popular: ${answer.status} ${answer.body}`);
      const [{ result }] = JSON.parse(answer.body) as [
        {
          result: {
            data: {
              window: { from: string; to: string };
              items: { rank: number; unitsSold: number; product: { id: string; name: string } }[];
            };
          };
        },
      ];
      const api = result.data;
      const naive = await sales.naiveTop(days, 5, salesWindow.timeZone);
      const [row] = await db.$queryRaw<
        { lines: bigint; units: bigint; model: bigint; window_lines: bigint }[]
      >`SELECT count(*) AS lines, sum((l->>'quantity')::int) AS units,
        (SELECT sum(units) FROM read.product_sales_daily) AS model,
        count(*) FILTER (WHERE ((e.message->'payload'->>'completedAt')::timestamptz
          AT TIME ZONE ${salesWindow.timeZone})::date BETWEEN ${days[0]}::date
          AND ${days[days.length - 1]}::date) AS window_lines
      FROM event_history e, jsonb_array_elements(e.message->'payload'->'lines') AS l
      WHERE e.type = 'order.completed'`;
      console.log(
        `    window ${api.window.from} .. ${api.window.to} (the bench's: ${days[0]} .. ${days[days.length - 1]})`,
      );
      console.log("    rank  units (read model)  units (on the fly)  product");
      for (let i = 0; i < Math.max(api.items.length, naive.length); i++) {
        const item = api.items[i];
        const raw = naive[i];
        const same = item?.product.id === raw?.product_id && item?.unitsSold === raw?.units;
        console.log(
          `    ${String(i + 1).padStart(4)}  ${String(item?.unitsSold ?? "-").padStart(17)}` +
            `  ${String(raw?.units ?? "-").padStart(18)}  ${item?.product.name ?? raw?.product_id}` +
            (same ? "" : "   MISMATCH"),
        );
      }
      const topOk =
        api.items.length === 5 &&
        naive.length === 5 &&
        api.window.from === days[0] &&
        api.items.every(
          (it, i) => it.product.id === naive[i]?.product_id && it.unitsSold === naive[i]?.units,
        );
      return { topOk, counts: row! };
    },
  );
  const totalsOk = counts.units === counts.model;
  console.log(
    `    ${int(Number(counts.lines))} order lines (${int(Number(counts.window_lines))} in the window),` +
      ` ${int(Number(counts.units))} units; the read model holds ${int(Number(counts.model))}` +
      ` ${totalsOk ? "(equal)" : "(NOT EQUAL)"}; top 5 ${topOk ? "equal" : "NOT EQUAL"}`,
  );
  if (!topOk || !totalsOk) throw new Error("the read model does not give the on-the-fly answer");

  // Warm-up at the same rate: the service's JIT, its pool's connections, the sockets.
  await phase("warm-up (2 s at the same rate)", 60, () => openLoop(server, RATE, 2));
  const before = await cpuSnapshot(child!, db);
  const load = await phase(
    `products.popular at ${int(RATE)} requests/s for ${SECONDS} s`,
    SECONDS + 60,
    () => openLoop(server, RATE, SECONDS),
  );
  const cpu = cpuPerRequest(before, await cpuSnapshot(child!, db), load.sent);
  const p99 = pct(load.latencies, 99);

  const naiveMs = await phase(`naive query, ${RUNS} runs`, RUNS * 30 + 30, () =>
    timed(RUNS, () => sales.naiveTop(days, 5, salesWindow.timeZone)),
  );
  const modelMs = await phase(`read model query, ${RUNS} runs`, 60, () =>
    timed(RUNS, () => sales.top(days, 5, false)),
  );
  const ratio = naiveMs / modelMs;

  const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
  const line = (figure: string, value: string, limit = "", ok?: boolean) =>
    console.log(
      `${figure.padEnd(48)} ${value.padStart(26)}   ${limit.padEnd(10)} ${ok === undefined ? "" : verdict(ok)}`,
    );
  console.log("");
  line("figure", "value", "limit");
  line(
    `products.popular over HTTP, ${int(RATE)}/s offered`,
    `${int(load.ok / load.seconds)}/s achieved`,
  );
  line(
    "  errors (non-200, failed, timed out)",
    `${load.errors} of ${int(load.sent)}`,
    "0",
    load.errors === 0,
  );
  line("  p50 / p95", `${ms(pct(load.latencies, 50))} / ${ms(pct(load.latencies, 95))}`);
  line("  p99", ms(p99), `< ${P99_LIMIT_MS} ms`, p99 < P99_LIMIT_MS);
  line("  the client's own send delay p99 (included)", ms(pct(load.sendLag, 99)));
  line(
    "  CPU a request: service / PostgreSQL / client",
    `${ms(cpu.service)} / ${ms(cpu.postgres)} / ${ms(cpu.bench)}`,
  );
  line(
    "  machine busy during the load (all processes)",
    `${cpu.busyCores.toFixed(2)} of ${cpu.cores} cores`,
  );
  line(`naive query, on the fly (median of ${RUNS})`, ms(naiveMs));
  line(`read model query (median of ${RUNS})`, ms(modelMs));
  line("naive / read model", `${ratio.toFixed(0)}x`, `>= ${RATIO_LIMIT}x`, ratio >= RATIO_LIMIT);
  if (process.env.BENCH_JSON)
    writeFileSync(
      process.env.BENCH_JSON,
      JSON.stringify(
        {
          lines: LINES,
          offeredPerSec: RATE,
          seconds: SECONDS,
          achievedPerSec: load.ok / load.seconds,
          sent: load.sent,
          errors: load.errors,
          p50: pct(load.latencies, 50),
          p95: pct(load.latencies, 95),
          p99,
          sendLagP99: pct(load.sendLag, 99),
          cpuPerRequestMs: cpu,
          naiveMs,
          modelMs,
          ratio,
        },
        null,
        2,
      ),
    );
} catch (err) {
  if (!interrupted) throw err;
} finally {
  agent.destroy();
  const server = child;
  if (server?.connected)
    await Promise.race([
      new Promise((resolve) => server.once("exit", resolve).disconnect()),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
  server?.kill();
  await db.$disconnect();
  await dropDatabase(url);
}
