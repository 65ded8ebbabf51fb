/* eslint-disable no-console, no-restricted-properties -- a command-line tool: its terminal and its environment are its interface */
// `npm run bench:checkout -w @shop/order-service`: checkouts through the whole saga on the
// production shape: two processes of each of product-, coupon-, payment- and order-service
// (competing consumers), their own throwaway databases and RabbitMQ vhost
// (src/test/system/stack.ts). Each checkout is what the BFF does: add to the cart, then
// orders.place through order-service's API; it counts as done at its order's completed_at. Prints, per closed-loop concurrency: completed/s and p50/p95/p99 from place to
// COMPLETED; then the same latencies at a fixed arrival rate (half the best throughput); and
// how many database commits one checkout costs across the four databases (pg_stat_database).
//   BENCH_TRANSPORT (rabbitmq; memory: the embedded host), BENCH_CHECKOUT_SECONDS (8) per level, BENCH_CHECKOUT_LEVELS (8,32,64), BENCH_INSTANCES (2),
//   BENCH_TRACING (on: every service exports its OpenTelemetry traces over OTLP to a sink in
//   this process, which answers 200 and counts the spans; off by default),
//   BENCH_PRODUCTS (50: each checkout buys one of them at random), BENCH_POOL (6: each
//   process's database pool and message prefetch), BENCH_NODE_ARGS (the
//   services' extra node flags, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_JSON (a file
//   to write the figures to as JSON too, for `npm run bench`'s table).
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startStack, STACK_SERVICES, type Stack } from "../src/test/system/stack";
import { cpuPerCheckout, cpuSnapshot } from "./cpu";
import { createProduct, newShopper, shopper } from "../src/test/system/shop";

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = num("BENCH_CHECKOUT_SECONDS", 8);
const LEVELS = (process.env.BENCH_CHECKOUT_LEVELS ?? "8,32,64").split(",").map(Number);
const INSTANCES = num("BENCH_INSTANCES", 2);
/** A shopper checks out one order at a time (their cart is one), so enough for every overlap. */
const SHOPPERS = Math.max(...LEVELS, 200);
const PRICE = 1_00;
const PRODUCTS = num("BENCH_PRODUCTS", 50);

const pct = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(0)} ms`.padStart(7);

/** Committed transactions so far across the stack's databases. */
async function commits(stack: Stack): Promise<number> {
  const names = STACK_SERVICES.map((s) => new URL(stack.databaseUrls[s]).pathname.slice(1));
  const { rows } = await stack
    .sql("order-service")
    .query<{ n: string }>(
      "SELECT sum(xact_commit)::text AS n FROM pg_stat_database WHERE datname = ANY($1)",
      [names],
    );
  return Number(rows[0]?.n ?? 0);
}

// BENCH_TRANSPORT=memory: the embedded mode's shape instead, the one service-host process.
const TRANSPORT = process.env.BENCH_TRANSPORT === "memory" ? "memory" : "rabbitmq";
console.log(
  TRANSPORT === "memory"
    ? "checkout saga: the embedded service host (one process, in-memory transport), starting..."
    : `checkout saga: ${INSTANCES} instances of each service, starting the stack...`,
);
/**
 * BENCH_TRACING=on: an OTLP/HTTP sink (POST /v1/traces answered 200, its spans counted, JSON
 * as exporter-trace-otlp-http sends it), and every service pointed at it with the standard
 * variables, so the figures are the shop's with tracing on, its export included.
 */
const TRACING = process.env.BENCH_TRACING === "on";
const sink = { spans: 0, requests: 0 };
const collector = TRACING
  ? createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        sink.requests += 1;
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
            resourceSpans?: { scopeSpans?: { spans?: unknown[] }[] }[];
          };
          for (const r of body.resourceSpans ?? [])
            for (const s of r.scopeSpans ?? []) sink.spans += s.spans?.length ?? 0;
        } catch {
          // Not JSON (a protobuf exporter): counted as a request only.
        }
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    })
  : undefined;
if (collector) await new Promise<void>((r) => collector.listen(0, "127.0.0.1", r));
const tracingEnv: Record<string, string> = collector
  ? {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
    }
  : {};
if (TRACING) console.log(`tracing on: OTLP to ${tracingEnv.OTEL_EXPORTER_OTLP_ENDPOINT}`);

const stack = await startStack({
  env: Object.fromEntries(STACK_SERVICES.map((s) => [s, tracingEnv])),
  transport: TRANSPORT,
  instances: INSTANCES,
  logLevel: "warn",
  poolSize: num("BENCH_POOL", 6),
  deadlineScanMs: 1_000, // the production default
  // Where the services' CPU goes: BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  nodeArgs: process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean),
});
try {
  // A catalog, not one product: every checkout of one product queues on its row lock, which
  // measures that row (the system tests race for one product), not the saga.
  const products = await Promise.all(
    Array.from({ length: PRODUCTS }, () =>
      createProduct(stack, { priceCents: PRICE, stock: 1_000_000 }),
    ),
  );
  const users = await Promise.all(
    Array.from({ length: SHOPPERS }, () => newShopper(stack, 100_000)),
  );
  // Completion is read from order-service's own record (orders.completed_at, written by the
  // saga's COMPLETED transaction), by one query for every order in flight every 10 ms: it is the
  // figure's definition, and it costs the broker and this process less than consuming each
  // order.completed event (which arrives a relay hop later).
  const waiting = new Map<string, { startedAt: number; done: (ms: number) => void }>();
  const orders = stack.sql("order-service");
  let polling = true;
  let polls = 0;
  const poller = (async () => {
    while (polling) {
      await new Promise((r) => setTimeout(r, 10));
      if (waiting.size === 0) continue;
      polls += 1;
      const { rows } = await orders.query<{ id: string; status: string; at: Date | null }>(
        `SELECT id, status::text AS status, completed_at AS at FROM orders
          WHERE id = ANY($1::uuid[]) AND status IN ('COMPLETED', 'CANCELLED')`,
        [[...waiting.keys()]],
      );
      for (const { id, status, at } of rows) {
        const w = waiting.get(id);
        waiting.delete(id);
        w?.done(status === "COMPLETED" && at ? at.getTime() - w.startedAt : NaN);
      }
    }
  })();

  /** One shopper's checkout: the cart, then place; resolves with ms from place to COMPLETED. */
  async function checkout(userId: string): Promise<number> {
    const api = stack.client("order-service", shopper(userId));
    const product = products[Math.floor(Math.random() * products.length)]!;
    await api.cart.add.mutate({ productId: product.id, quantity: 1 });
    const startedAt = Date.now();
    let done!: (ms: number) => void;
    const completed = new Promise<number>((r) => (done = r));
    const { orderId } = await api.orders.place.mutate({
      idempotencyKey: randomUUID().replaceAll("-", ""),
    });
    placed += 1;
    waiting.set(orderId, { startedAt, done });
    const timeout = setTimeout(() => {
      waiting.delete(orderId);
      done(NaN);
    }, 30_000);
    const ms = await completed;
    clearTimeout(timeout);
    return ms;
  }

  /** What BENCH_JSON receives: each summary line's figures (the open loop's last), the steps, commits and CPU. */
  const figures = {
    transport: TRANSPORT,
    instances: INSTANCES,
    secondsPerLevel: SECONDS,
    runs: [] as {
      label: string;
      completedPerSec: number;
      p50: number;
      p95: number;
      p99: number;
      lost: number;
      concurrency?: number;
      offeredPerSec?: number;
    }[],
    steps: [] as { type: string; sent: number; p50: number; p95: number }[],
    commitsPerCheckout: NaN,
    tracing: TRACING,
    /** With BENCH_TRACING=on: spans the sink received per checkout placed (warm-up included). */
    spansPerCheckout: NaN,
  };
  let placed = 0;

  const summary = (label: string, latencies: number[], seconds: number) => {
    const done = latencies.filter((l) => !Number.isNaN(l)).sort((a, b) => a - b);
    const lost = latencies.length - done.length;
    figures.runs.push({
      label,
      completedPerSec: done.length / seconds,
      p50: pct(done, 50),
      p95: pct(done, 95),
      p99: pct(done, 99),
      lost,
    });
    console.log(
      `${label.padEnd(22)} ${(done.length / seconds).toFixed(1).padStart(7)} completed/s` +
        `   p50 ${ms(pct(done, 50))}   p95 ${ms(pct(done, 95))}   p99 ${ms(pct(done, 99))}` +
        (lost ? `   (${lost} not completed in 30 s)` : ""),
    );
    return done.length / seconds;
  };

  // Warm-up: the processes compile and fill their pools and caches first.
  await Promise.all(users.slice(0, 16).map((u) => checkout(u)));

  console.log(
    `\nclosed loop (each shopper checks out again as soon as the last completed), ${SECONDS} s a level:`,
  );
  let best = 0;
  let commitsPerCheckout = NaN;
  let cpu: ReturnType<typeof cpuPerCheckout> = [];
  for (const level of LEVELS) {
    const latencies: number[] = [];
    const end = performance.now() + SECONDS * 1_000;
    const before = await commits(stack);
    const pollsBefore = polls;
    const cpuBefore = cpuSnapshot(stack);
    const started = performance.now();
    await Promise.all(
      users.slice(0, level).map(async (u) => {
        while (performance.now() < end) latencies.push(await checkout(u));
      }),
    );
    const seconds = (performance.now() - started) / 1_000;
    const cpuAfter = cpuSnapshot(stack);
    const rate = summary(`${level} at once`, latencies, seconds);
    figures.runs.at(-1)!.concurrency = level;
    if (rate > best) {
      best = rate;
      cpu = cpuPerCheckout(cpuBefore, cpuAfter, latencies.length);
      // Busy backends report their counts at least every second, so the delta is current;
      // the idle work of 8 processes (relay polls, deadline and export jobs) is included.
      // The benchmark's own polls are transactions too: not the shop's, so not counted.
      commitsPerCheckout =
        ((await commits(stack)) - before - (polls - pollsBefore)) / latencies.length;
    }
  }

  const rate = Math.max(1, Math.floor(best / 2));
  console.log(`\nopen loop at ${rate} checkouts/s (half the best), ${SECONDS} s:`);
  const arrivals: Promise<number>[] = [];
  const free = [...users];
  const started = performance.now();
  for (let i = 0; i < rate * SECONDS; i += 1) {
    const due = started + (i * 1_000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const user = free.pop();
    if (!user) {
      arrivals.push(Promise.resolve(NaN)); // more in flight than shoppers: counted as lost
      continue;
    }
    arrivals.push(checkout(user).finally(() => free.push(user)));
  }
  summary(`${rate}/s offered`, await Promise.all(arrivals), SECONDS);
  figures.runs.at(-1)!.offeredPerSec = rate;

  // Where a checkout's time goes: each forward command until its reply was handled (relay,
  // broker, participant, its relay, broker, the reply's transaction), from the saga log.
  const { rows: steps } = await stack.sql("order-service").query<{
    type: string;
    n: string;
    p50: number;
    p95: number;
  }>(`SELECT c.type, count(*)::text AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.at - c.at) * 1000) AS p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM r.at - c.at) * 1000) AS p95
       FROM saga_log c
       JOIN LATERAL (SELECT at FROM saga_log r WHERE r.order_id = c.order_id AND r.kind = 'reply'
                        AND split_part(r.type, '.', 1) = split_part(c.type, '.', 1) AND r.id > c.id
                      ORDER BY r.id LIMIT 1) r ON true
      WHERE c.kind = 'command' GROUP BY c.type ORDER BY c.type`);
  console.log("\neach step, from its command to its reply handled:");
  for (const s of steps)
    console.log(`  ${s.type.padEnd(16)} p50 ${ms(s.p50)}   p95 ${ms(s.p95)}   (${s.n} sent)`);

  console.log("\nCPU per checkout at the best level, by process (the machine has 2 cores):");
  for (const { group, ms: used } of cpu)
    console.log(`  ${group.padEnd(32)} ${used.toFixed(1).padStart(6)} ms`);
  console.log(
    `  ${"all".padEnd(32)} ${cpu
      .reduce((t, c) => t + c.ms, 0)
      .toFixed(1)
      .padStart(6)} ms` +
      ` (2 cores: at most ${(
        2_000 /
        Math.max(
          0.1,
          cpu.reduce((t, c) => t + c.ms, 0),
        )
      ).toFixed(0)} checkouts/s)`,
  );

  console.log(
    `\ndatabase commits per checkout at the best level (4 databases; relays, inboxes and idle jobs included): ${commitsPerCheckout.toFixed(1)}`,
  );
  if (TRACING) {
    // The services' batches leave every 5 s (OTEL_BSP_SCHEDULE_DELAY): wait for the last ones.
    await new Promise((r) => setTimeout(r, 6_000));
    figures.spansPerCheckout = sink.spans / Math.max(1, placed);
    console.log(
      `\ntracing: ${sink.spans} spans in ${sink.requests} exports, ${figures.spansPerCheckout.toFixed(1)} spans per checkout`,
    );
  }
  if (process.env.BENCH_JSON) {
    figures.steps = steps.map((s) => ({ type: s.type, sent: Number(s.n), p50: s.p50, p95: s.p95 }));
    figures.commitsPerCheckout = commitsPerCheckout;
    writeFileSync(process.env.BENCH_JSON, JSON.stringify({ ...figures, cpu }, null, 2));
  }
  polling = false;
  await poller;
} finally {
  await stack.stop();
  collector?.close();
}
