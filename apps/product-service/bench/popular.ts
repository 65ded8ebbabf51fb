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
import { randomBytes, randomUUID } from "node:crypto";
import { fork } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { createMessage, orderCompleted } from "@shop/contracts";
import {
  applyMigrations,
  dropDatabase,
  ensureDatabase,
  localPostgresServer,
} from "@shop/service-kit/migrate";
import { testCredentials } from "@shop/service-kit/test-fixtures";
import { createProduct } from "../src/application/create-product";
import { projectCompletedOrder } from "../src/application/project-completed-order";
import { rebuildReadModels } from "../src/application/rebuild-read-models";
import { completedOrderOf } from "../src/adapters/event-mapping";
import { createDb } from "../src/adapters/out/prisma/client";
import { PrismaSalesView } from "../src/adapters/out/prisma/sales-view";
import { DEFAULT_SALES_WINDOW, productDeps } from "../src/deps";
import { dayIn, isTimeZone, windowDays, type SalesWindow } from "../src/domain/sales";
import { categories, products as demoProducts } from "../prisma/seed/catalog";

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PRODUCTS = num("BENCH_POPULAR_PRODUCTS", 200);
const LINES = num("BENCH_POPULAR_LINES", 1_000_000);
const HISTORY_DAYS = num("BENCH_POPULAR_DAYS", 30);
const LIVE_ORDERS = num("BENCH_POPULAR_LIVE_ORDERS", 2_000);
const RATE = num("BENCH_POPULAR_RATE", 1_000);
const SECONDS = num("BENCH_POPULAR_SECONDS", 10);
const RUNS = num("BENCH_POPULAR_RUNS", 5);
const POOL = num("BENCH_POOL", 10);
const CONNECTIONS = num("BENCH_CONNECTIONS", 64);
const salesWindow: SalesWindow = {
  days: num("POPULAR_WINDOW_DAYS", DEFAULT_SALES_WINDOW.days),
  timeZone: process.env.SHOP_TIME_ZONE || DEFAULT_SALES_WINDOW.timeZone,
};
if (!isTimeZone(salesWindow.timeZone))
  throw new Error(`SHOP_TIME_ZONE: "${salesWindow.timeZone}" is not a time zone`);

/** The limits issue 14 sets. */
const P99_LIMIT_MS = 10;
const RATIO_LIMIT = 20;
/** An order has 1 to 4 lines (order i has i % 4 + 1), 2.5 on average. */
const ORDERS = Math.round(LINES / 2.5);
/** Bulk orders per INSERT: a line of progress each, and no statement near its timeout. */
const CHUNK = 50_000;
/** No request, statement or phase may hang the run (the database is dropped all the same). */
const REQUEST_TIMEOUT_MS = 5_000;
const STATEMENT_TIMEOUT_MS = 120_000;

// The local server's Unix socket when it has one, as the checkout bench's stack connects.
const dbServer = new URL(process.env.TEST_DATABASE_URL ?? localPostgresServer());
dbServer.pathname = `/shop_product_bench_${randomBytes(4).toString("hex")}_test`;
const url = dbServer.toString();
// The bench's own connections (seeding, the checks, the query timings) are bounded server-side.
const benchUrl = new URL(url);
benchUrl.searchParams.set("options", `-c statement_timeout=${STATEMENT_TIMEOUT_MS}`);

// On Ctrl-C the database goes too (the drop ends its connections, which fails the phase under
// way; the cleanup below then finds it gone). Every signal is caught, not only the first: tsx
// passes on the one the terminal sent to the whole process group, so it arrives twice.
let interrupted = false;
let child: ReturnType<typeof fork> | undefined;
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

const pct = (sorted: Float64Array | number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const median = (values: number[]) =>
  pct(
    [...values].sort((a, b) => a - b),
    50,
  );
const ms = (n: number) => (n < 10 ? `${n.toFixed(2)} ms` : `${n.toFixed(0)} ms`);
const int = (n: number) => Math.round(n).toLocaleString("en-US");

/** Runs one phase of the bench, failing it past `seconds`; prints how long it took. */
async function phase<T>(name: string, seconds: number, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: not done in ${seconds} s`)), seconds * 1e3);
  });
  try {
    const value = await Promise.race([run(), timeout]);
    console.log(`  ${name}: ${((performance.now() - started) / 1e3).toFixed(1)} s`);
    return value;
  } finally {
    clearTimeout(timer);
  }
}

/*
 * Bulk history: orders [$3, $4) as order.completed envelopes, shaped as order-service publishes
 * them (contracts/order-events.ts) and as the projector stores them (the whole message), each
 * completed at a random instant in the $6 days before $5. Each day has its own best sellers
 * (the products' order rotates by 7 a day), so the window's top 5 is not the all-time one and a
 * wrong window shows in the check. An order's lines are distinct products; one line in seven
 * buys 2 to 4 units.
 */
const BULK_HISTORY = `INSERT INTO event_history (message_id, type, order_id, message)
SELECT o.message_id, 'order.completed', o.order_id, jsonb_build_object(
  'messageId', o.message_id, 'type', 'order.completed', 'version', 1,
  'correlationId', o.order_id::text, 'occurredAt', o.completed,
  'payload', jsonb_build_object('orderId', o.order_id, 'userId', o.user_id, 'lines', l.lines,
    'subtotalCents', l.subtotal, 'discountCents', 0, 'totalCents', l.subtotal, 'couponId', NULL,
    'placedAt', o.placed, 'completedAt', o.completed))
FROM (
  SELECT i, order_id, message_id, user_id, r,
    to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS completed,
    to_char((at - interval '1 second') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS placed,
    ((at AT TIME ZONE $7)::date - DATE '2000-01-01') * 7 AS shift
  FROM (SELECT i, gen_random_uuid() AS order_id, gen_random_uuid() AS message_id,
          gen_random_uuid() AS user_id, random() AS r,
          $5::timestamptz - random() * $6::int * interval '1 day' AS at
        FROM generate_series($3::int, $4::int - 1) AS i
        OFFSET 0) g -- OFFSET 0: evaluated once per order, never inlined into each use
) o
CROSS JOIN LATERAL (
  SELECT jsonb_agg(jsonb_build_object('productId', ($1::text[])[x.p + 1], 'quantity', x.q,
           'unitPriceCents', ($2::int[])[x.p + 1]) ORDER BY x.j) AS lines,
         sum(x.q * ($2::int[])[x.p + 1])::int AS subtotal
  FROM (SELECT j, (floor(cardinality($1::text[]) * o.r ^ 3)::int + o.shift + j * 53)
                  % cardinality($1::text[]) AS p,
               CASE WHEN random() < 1.0 / 7 THEN 2 + floor(random() * 3)::int ELSE 1 END AS q
        FROM generate_series(0, o.i % 4) AS j) x
) l`;

/*
 * The daily sales of the bulk history: what the projector's statement adds per order (units,
 * revenue, one order per product and day), summed over all of them at once. The day is the
 * completion's calendar day in the shop's time zone, as dayIn() counts it.
 */
const BULK_SALES = `INSERT INTO read.product_sales_daily (day, product_id, units, revenue_cents, orders)
SELECT ((e.message->'payload'->>'completedAt')::timestamptz AT TIME ZONE $1)::date,
  (l->>'productId')::uuid, sum((l->>'quantity')::int),
  sum((l->>'quantity')::bigint * (l->>'unitPriceCents')::bigint), count(DISTINCT e.order_id)
FROM event_history e, jsonb_array_elements(e.message->'payload'->'lines') AS l
WHERE e.type = 'order.completed'
GROUP BY 1, 2`;

await ensureDatabase(url);
const db = createDb(benchUrl.toString(), POOL);
const deps = productDeps(db, salesWindow);
const sales = new PrismaSalesView(db);
const bff = testCredentials();
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
// An idle connection ended by the drop on Ctrl-C is expected; anything else is reported.
db.sql.on("error", (err) => interrupted || console.error(err));

async function seed() {
  await applyMigrations(url, fileURLToPath(new URL("../prisma/migrations", import.meta.url)));
  const catalog = await phase(
    "catalog through createProduct, read models rebuilt",
    120,
    async () => {
      await db.category.createMany({ data: categories.map((c, position) => ({ ...c, position })) });
      const made: { id: string; priceCents: number }[] = [];
      for (let i = 0; i < PRODUCTS; i++) {
        const demo = demoProducts[i % demoProducts.length]!;
        const round = Math.floor(i / demoProducts.length);
        const created = await createProduct(deps, {
          name: round ? `${demo.name} ${round + 1}` : demo.name,
          slug: round ? `${demo.slug}-${round + 1}` : demo.slug,
          description: demo.description,
          categorySlug: demo.categorySlug,
          priceCents: demo.price,
          stock: demo.stock,
          image: demo.image,
        });
        if (!created.ok) throw new Error(`createProduct: ${JSON.stringify(created.error)}`);
        made.push({ id: created.value.id, priceCents: created.value.priceCents });
      }
      // The catalog view from the history (the product.created events), as the rebuild makes it.
      await rebuildReadModels(deps);
      return made;
    },
  );
  const ids = catalog.map((p) => p.id);
  const prices = catalog.map((p) => p.priceCents);
  const bulkOrders = Math.max(0, ORDERS - LIVE_ORDERS);
  const now = new Date();
  await phase(`${int(bulkOrders)} orders into event_history (bulk SQL)`, 240, async () => {
    for (let from = 0; from < bulkOrders; from += CHUNK) {
      const to = Math.min(bulkOrders, from + CHUNK);
      await db.sql.query(BULK_HISTORY, [
        ids,
        prices,
        from,
        to,
        now,
        HISTORY_DAYS,
        salesWindow.timeZone,
      ]);
      if (process.stdout.isTTY) process.stdout.write(`\r    ${int(to)} orders`);
    }
    if (process.stdout.isTTY) process.stdout.write("\n");
  });
  await phase("their daily sales (the projector's sums, one statement)", 120, () =>
    db.sql.query(BULK_SALES, [salesWindow.timeZone]),
  );
  await phase(
    `${int(ORDERS - bulkOrders)} live orders through projectCompletedOrder, 8 at a time`,
    120,
    () => liveOrders(ids, prices, bulkOrders),
  );
  await phase("VACUUM ANALYZE", 120, async () => {
    await db.sql.query("VACUUM ANALYZE event_history");
    await db.sql.query("VACUUM ANALYZE read.product_sales_daily, read.catalog_product");
  });
}

/**
 * Orders [from, ORDERS) as the live projector takes them, a few at a time (its prefetch is 10):
 * completed in the last hour, the same products as today's bulk orders favour.
 */
async function liveOrders(ids: string[], prices: number[], from: number) {
  const today = dayIn(new Date(), salesWindow.timeZone);
  const shift = Math.round((Date.parse(today) - Date.parse("2000-01-01")) / 86_400_000) * 7;
  let next = from;
  const worker = async () => {
    for (let i = next++; i < ORDERS; i = next++) {
      const r = Math.random();
      const completedAt = new Date(Date.now() - Math.random() * 3_600_000);
      const lines = Array.from({ length: (i % 4) + 1 }, (_, j) => {
        const p = (Math.floor(ids.length * r ** 3) + shift + j * 53) % ids.length;
        const quantity = Math.random() < 1 / 7 ? 2 + Math.floor(Math.random() * 3) : 1;
        return { productId: ids[p]!, quantity, unitPriceCents: prices[p]! };
      });
      const subtotal = lines.reduce((n, l) => n + l.quantity * l.unitPriceCents, 0);
      const orderId = randomUUID();
      const message = createMessage(
        orderCompleted,
        {
          orderId,
          userId: randomUUID(),
          lines,
          subtotalCents: subtotal,
          discountCents: 0,
          totalCents: subtotal,
          couponId: null,
          placedAt: new Date(completedAt.getTime() - 1_000).toISOString(),
          completedAt: completedAt.toISOString(),
        },
        { correlationId: orderId, occurredAt: completedAt },
      );
      const outcome = await projectCompletedOrder(deps, completedOrderOf(message.payload), message);
      if (outcome !== "counted") throw new Error(`order ${orderId}: ${outcome}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** The service's HTTP server in a child process (bench/serve.ts); resolves with its URL. */
async function startServer(): Promise<string> {
  child = fork(fileURLToPath(new URL("./serve.ts", import.meta.url)), {
    // Where the service's CPU goes: BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
    execArgv: [
      "--import",
      "tsx",
      ...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
    ],
    env: {
      ...process.env,
      BENCH_DATABASE_URL: url,
      BENCH_POOL: String(POOL),
      POPULAR_WINDOW_DAYS: String(salesWindow.days),
      SHOP_TIME_ZONE: salesWindow.timeZone,
      BENCH_PUBLIC_KEY: bff.publicKey.export({ type: "spki", format: "pem" }).toString(),
    },
  });
  const started = child;
  return new Promise<string>((resolve, reject) => {
    started.once("message", (m: { url: string }) => resolve(m.url));
    started.once("exit", (code) => reject(new Error(`bench/serve.ts exited (${code})`)));
  });
}

interface Answer {
  status: number;
  body: string;
}

/** GET products.popular as the BFF's batch link sends it, as a visitor; rejects on a timeout. */
async function popularOverHttp(server: string, parse: boolean): Promise<Answer> {
  const authorization = await bff.bearer({ role: "visitor" }, "product-service");
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${server}/trpc/products.popular?batch=1&input=${encodeURIComponent('{"0":{"limit":5}}')}`,
      { agent, headers: { authorization } },
      (res) => {
        let body = "";
        if (parse) res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        else res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}

interface LoadResult {
  sent: number;
  ok: number;
  errors: number;
  seconds: number;
  /** ms from each request's scheduled time to the end of its answer, sorted. */
  latencies: Float64Array;
  /** ms from each request's scheduled time to when it was sent (the scheduler's own delay). */
  sendLag: Float64Array;
}

/** Open loop: `rate` requests a second for `seconds`, each sent on schedule. */
async function openLoop(server: string, rate: number, seconds: number): Promise<LoadResult> {
  const total = Math.round(rate * seconds);
  const latencies = new Float64Array(total).fill(Infinity);
  const sendLag = new Float64Array(total);
  const inFlight: Promise<void>[] = [];
  let ok = 0;
  let errors = 0;
  let lastEnd = 0;
  const start = performance.now();
  for (let sent = 0; sent < total;) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1e3) * rate) + 1);
    for (; sent < due; sent++) {
      const i = sent;
      const at = start + (i * 1e3) / rate;
      sendLag[i] = performance.now() - at;
      inFlight.push(
        popularOverHttp(server, false).then(
          (answer) => {
            lastEnd = performance.now();
            if (answer.status !== 200) return void (errors += 1);
            ok += 1;
            latencies[i] = lastEnd - at;
          },
          () => void (errors += 1),
        ),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  // Failed requests stay at Infinity: they sort last and count against the percentiles.
  return {
    sent: total,
    ok,
    errors,
    seconds: (lastEnd - start) / 1e3,
    latencies: latencies.sort(),
    sendLag: sendLag.sort(),
  };
}

interface CpuSnapshot {
  /** µs of CPU (user + system) of the service's process, of this one, of the database's backends. */
  service: number;
  bench: number;
  postgres: Map<number, number>;
  /** The whole machine's busy and total time, in clock ticks (other work on it included). */
  busy: number;
  total: number;
}

/** Clock ticks of /proc (USER_HZ): 100 a second on Linux. */
const TICK_US = 10_000;
const procTicks = (pid: number) => {
  try {
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0; // ended, or not on this machine
  }
};

/** Who used the CPU: read before and after a load phase, to say what a request costs. */
async function cpuSnapshot(): Promise<CpuSnapshot> {
  const server = child!;
  const service = await new Promise<NodeJS.CpuUsage>((resolve) => {
    server.once("message", (m: { cpu: NodeJS.CpuUsage }) => resolve(m.cpu));
    server.send("cpu");
  });
  const bench = process.cpuUsage();
  const { rows } = await db.sql.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
  );
  const postgres = new Map(rows.map((r) => [r.pid, procTicks(r.pid) * TICK_US]));
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  return {
    service: service.user + service.system,
    bench: bench.user + bench.system,
    postgres,
    busy: total - cpu[3]! - cpu[4]!, // idle and iowait
    total,
  };
}

/** CPU ms a request of each process, and the machine's busy cores, between two snapshots. */
function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number) {
  let postgres = 0;
  for (const [pid, us] of after.postgres) postgres += us - (before.postgres.get(pid) ?? 0);
  const cores = readFileSync("/proc/cpuinfo", "utf8").match(/^processor/gm)?.length ?? 1;
  return {
    service: (after.service - before.service) / 1e3 / requests,
    bench: (after.bench - before.bench) / 1e3 / requests,
    postgres: postgres / 1e3 / requests,
    busyCores: ((after.busy - before.busy) / (after.total - before.total)) * cores,
    cores,
  };
}

/** Median ms of `runs` calls of `query` after one warm-up call. */
async function timed(runs: number, query: () => Promise<unknown>): Promise<number> {
  await query();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await query();
    times.push(performance.now() - started);
  }
  return median(times);
}

try {
  console.log(
    `popular products: ${PRODUCTS} products, ${int(LINES)} order lines in ${int(ORDERS)} completed` +
      ` orders over ${HISTORY_DAYS} days; window ${salesWindow.days} days in ${salesWindow.timeZone}`,
  );
  await seed();
  const server = await phase("service started (bench/serve.ts)", 60, startServer);

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
  const before = await cpuSnapshot();
  const load = await phase(
    `products.popular at ${int(RATE)} requests/s for ${SECONDS} s`,
    SECONDS + 60,
    () => openLoop(server, RATE, SECONDS),
  );
  const cpu = cpuPerRequest(before, await cpuSnapshot(), load.sent);
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
