// `npm run bench`: every speed and memory figure of the shop in one run, each beside the limit
// it is judged against, in one table (printed, and written to bench-results/latest.json and
// .md). It starts what it measures and stops it again, also on Ctrl-C or a failing phase:
//  1. PostgreSQL's own bound (pgbench) and the checkout saga on the checkout benchmark's stack
//     (two instances of each service), the same checkouts in embedded mode's shape (the one
//     service-host process on an embedded PostgreSQL), then coupon claims and popular
//     products, each on the throwaway database its own benchmark makes;
//  2. the shop in its production shape, as `npm start` runs it (services built and started,
//     the storefront's production build), on the bench profile's own ports, databases and
//     vhost (scripts/lib/stack.mjs), unless BENCH_URL points at a running one; its memory
//     idle, JavaScript per page, Lighthouse, the pages under load, its memory after the load;
//  3. the same shop embedded (SHOP_MODE=embedded: one service-host process on an embedded
//     PostgreSQL), started only to read its memory idle.
// Every phase has a time limit and the run a budget; a phase that fails or runs out of time is
// "not measured" in the table and the run goes on. Figures are judged, never asserted: the
// exit code is 1 only when something was not measured.
//   npm run bench [-- <phase>...]  only some of: postgres checkout embedded claims popular
//                                  pages javascript lighthouse memory
//   BENCH_URL (measure that shop instead of starting one), BENCH_BUDGET_SECONDS (720),
//   BENCH_SECONDS (10 per page), BENCH_CONNECTIONS (50), LIGHTHOUSE_RUNS (5 per page; the median
//   is kept), BENCH_PGBENCH_SECONDS (10); each benchmark's own settings pass through
//   (BENCH_CHECKOUT_SECONDS, BENCH_CHECKOUT_LEVELS, BENCH_ROUNDS, BENCH_POPULAR_SECONDS...).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { appendFileSync } from "node:fs";
import { resolve } from "node:path";
import * as figures from "./lib/bench-figures.mjs";
import { phaseRunner } from "./lib/bench-phases.mjs";
import { createReport, machine, printTable, writeReport } from "./lib/bench-report.mjs";
import { proportionalSizeOf, residentSizes, stackSampler } from "./lib/memory.mjs";
import { javascriptOf } from "./lib/page-javascript.mjs";
import { pgbenchTps } from "./lib/pgbench.mjs";
import { preflight } from "./lib/preflight.mjs";
import { outputTo, startedPids, stopAll, stopLast, whenAProcessDies } from "./lib/processes.mjs";
import { DISTRIBUTED, startEmbeddedFor } from "./lib/servers.mjs";
import { buildServices, PROFILES, prepareDatabases, STAND_INS, startAll } from "./lib/stack.mjs";

const PHASES = [
  "postgres",
  "checkout",
  "embedded",
  "claims",
  "popular",
  "pages",
  "javascript",
  "lighthouse",
  "memory",
];
const only = process.argv.slice(2);
const unknown = only.filter((p) => !PHASES.includes(p));
if (unknown.length) {
  console.error(`Unknown phase ${unknown.join(", ")}: choose from ${PHASES.join(", ")}`);
  process.exit(2);
}
const wanted = (name) => only.length === 0 || only.includes(name);

const num = (name, fallback) => Number(process.env[name] ?? fallback);
const settings = {
  budgetSeconds: num("BENCH_BUDGET_SECONDS", 720),
  pageSeconds: num("BENCH_SECONDS", 10),
  connections: num("BENCH_CONNECTIONS", 50),
  lighthouseRuns: num("LIGHTHOUSE_RUNS", 5),
  pgbenchSeconds: num("BENCH_PGBENCH_SECONDS", 10),
  url: process.env.BENCH_URL,
  phases: only.length ? only : PHASES,
};

const OUT = resolve("bench-results");
const LOG = `${OUT}/latest.log`;
mkdirSync(OUT, { recursive: true });
writeFileSync(LOG, "");
/** Everything the run starts writes to the log; the terminal keeps the phases and the table. */
outputTo(LOG);
const note = (line) => appendFileSync(LOG, `[bench] ${line}\n`);
const startedAt = new Date().toISOString();
const host = machine();
const runner = phaseRunner({ budgetSeconds: settings.budgetSeconds, logFile: LOG });
const notRun = (reason) => ({ ok: false, reason });

// Ctrl-C: the phase under way stops, with whatever it started, and the table of what was
// measured is still written. A second Ctrl-C leaves at once; one within a second of the first
// is the same one (npm passes on the signal the terminal sent to this process too).
let signals = 0;
let firstSignalAt = 0;
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    if (signals > 0 && Date.now() - firstSignalAt < 1_000) return;
    signals += 1;
    firstSignalAt ||= Date.now();
    if (signals > 1) process.exit(130);
    console.log(`\n${signal}: stopping what the run started (Ctrl-C again to leave at once)`);
    void runner.interrupt();
    void stopAll();
  });
// A process of the shop that ends by itself fails the phases after it, not the whole run.
let shopDied;
whenAProcessDies((name, how) => {
  shopDied = `${name} exited (${how})`;
  console.log(`! ${shopDied}; the shop's remaining figures will be missing`);
});

console.log(
  `npm run bench: ${host.cores} cores, Node ${host.node}; budget ${settings.budgetSeconds} s; ` +
    `the log: ${LOG}\n`,
);

const shopPhases = ["pages", "javascript", "lighthouse", "memory"].filter(wanted);
const startsShop = shopPhases.length > 0 && !settings.url;
const usesServers = startsShop || ["postgres", "checkout", "claims", "popular"].some(wanted);
// The embedded phase brings its own PostgreSQL and needs no broker: only the build.
const needsBuild = usesServers || wanted("embedded");
const ready = usesServers
  ? await runner.phase("preflight: PostgreSQL and RabbitMQ answer", 30, () => preflight(note))
  : { ok: true };
// The services' Prisma clients and bundles, which the benchmarks import and the shop runs
// (after a fresh clone, nothing has generated them yet; turbo skips what is up to date).
const built = needsBuild
  ? await runner.phase("build: the services (prisma generate, bundles)", 240, ({ signal }) => {
      signal.addEventListener("abort", () => void stopAll(), { once: true });
      return buildServices((msg) => note(`[build] ${msg}`));
    })
  : { ok: true };
const needsBuilt = (result) => (built.ok ? result() : Promise.resolve(notRun(built.reason)));
const needsServers = (result) =>
  ready.ok ? needsBuilt(result) : Promise.resolve(notRun(ready.reason));

// 1. On the benchmarks' own stacks and databases: nothing of the shop runs yet.
const pg = wanted("postgres")
  ? await needsServers(() =>
      runner.phase(
        "postgres: pgbench -i, then -N -c 8 -j 2",
        settings.pgbenchSeconds + 40,
        async ({ signal }) => {
          const result = await pgbenchTps({ signal, seconds: settings.pgbenchSeconds });
          note(result.report);
          return result;
        },
      ),
    )
  : notRun(figures.NOT_SELECTED);

/** A workspace's benchmark script, its figures read from the JSON file it writes. */
function subBench(name, limitSeconds, script, workspace, onStart, env = {}) {
  const file = `${OUT}/${name}.json`;
  rmSync(file, { force: true });
  return runner.phase(
    `${name}: npm run ${script} -w ${workspace}`,
    limitSeconds,
    async ({ exec }) => {
      note(`--- ${name} ---`);
      await exec("npm", ["run", script, "-w", workspace, "--silent"], {
        // The page settings are this script's, not theirs (their BENCH_CONNECTIONS means sockets).
        env: { BENCH_JSON: file, BENCH_CONNECTIONS: undefined, BENCH_SECONDS: undefined, ...env },
        onStart,
      });
      return JSON.parse(readFileSync(file, "utf8"));
    },
  );
}

let checkoutStack;
const checkout = wanted("checkout")
  ? await needsServers(() => {
      let timer;
      return subBench("checkout", 210, "bench:checkout", "@shop/order-service", (child) => {
        checkoutStack = stackSampler(child.pid);
        timer = setInterval(() => checkoutStack.sample(), 1_000);
      }).finally(() => clearInterval(timer));
    })
  : notRun(figures.NOT_SELECTED);
// The same checkouts with tracing on: every service exports its spans over OTLP to a sink in
// the benchmark (BENCH_TRACING=on), so the two figures side by side are what tracing costs.
const checkoutTraced = wanted("checkout")
  ? await needsServers(() =>
      subBench("checkout-traced", 210, "bench:checkout", "@shop/order-service", undefined, {
        BENCH_TRACING: "on",
      }),
    )
  : notRun(figures.NOT_SELECTED);
// The embedded mode's shape: the same checkouts on the one service-host process, in-memory
// transport, on an embedded PostgreSQL of the bench's own (fresh each run).
let embeddedStack;
const embedded = wanted("embedded")
  ? await needsBuilt(async () => {
      let timer;
      let server;
      try {
        server = await startEmbeddedFor(PROFILES.bench, note); // fresh, as the profile is
      } catch (err) {
        return notRun(`the embedded PostgreSQL did not start: ${err.message}`);
      }
      try {
        return await subBench(
          "embedded",
          150,
          "bench:checkout",
          "@shop/order-service",
          (child) => {
            embeddedStack = stackSampler(child.pid);
            timer = setInterval(() => embeddedStack.sample(), 1_000);
          },
          { BENCH_TRANSPORT: "memory", TEST_DATABASE_URL: `${server.url}/postgres` },
        );
      } finally {
        clearInterval(timer);
        await server.stop();
      }
    })
  : notRun(figures.NOT_SELECTED);
const claims = wanted("claims")
  ? await needsServers(() => subBench("claims", 90, "bench:claims", "@shop/coupon-service"))
  : notRun(figures.NOT_SELECTED);
const popular = wanted("popular")
  ? await needsServers(() => subBench("popular", 180, "bench:popular", "@shop/product-service"))
  : notRun(figures.NOT_SELECTED);

// 2. The shop.
let base = settings.url;
let shopPids = {};
let shopMissing = shopPhases.length ? undefined : figures.NOT_SELECTED;
if (startsShop) {
  const shop = await needsServers(() =>
    runner.phase("shop: build and start in production shape", 360, async ({ signal }) => {
      signal.addEventListener("abort", () => void stopAll(), { once: true });
      const log = (msg) => note(`[shop] ${msg}`);
      await prepareDatabases(PROFILES.bench, DISTRIBUTED, log);
      return startAll(PROFILES.bench, DISTRIBUTED, log);
    }),
  );
  if (shop.ok) {
    base = shop.value;
    shopPids = startedPids();
  } else shopMissing = `the shop did not start (${shop.reason})`;
} else if (base) {
  // A shop started by `npm start` (or --e2e) left its processes' PIDs: its memory can be read.
  const profile = Object.values(PROFILES).find((p) => p.webPort === Number(new URL(base).port));
  const file = profile && `.shop/${profile.name}-pids.json`;
  if (file && existsSync(file)) shopPids = JSON.parse(readFileSync(file, "utf8"));
}
const shopPhase = (name, seconds, work) =>
  shopMissing || shopDied
    ? Promise.resolve(notRun(shopMissing ?? shopDied))
    : runner.phase(name, seconds, work);
const alivePids = (pids = shopPids) =>
  Object.fromEntries(Object.entries(pids).filter(([, pid]) => existsSync(`/proc/${pid}`)));
const memory = (label) =>
  wanted("memory")
    ? shopPhase(`memory: ${label}`, 30, async () => {
        if (Object.keys(alivePids()).length === 0)
          throw new Error("no PIDs of the shop's processes (started elsewhere)");
        return residentSizes(alivePids());
      })
    : Promise.resolve(notRun(figures.NOT_SELECTED));

// The shop settles (first requests, timers) before its idle size is read.
if (!shopMissing && !settings.url) await new Promise((r) => setTimeout(r, 5_000));
const idle = await memory("idle");

const productPath = async () => {
  const { firstProductPath } = await import("./lib/page-load.mjs");
  return firstProductPath(base);
};
/** Home, listing, product: the pages Lighthouse scores and whose JavaScript is weighed. */
const firstVisitPages = async () => [
  { label: "home", path: "/" },
  { label: "listing", path: "/products" },
  { label: "product", path: await productPath() },
];

const js = wanted("javascript")
  ? await shopPhase("javascript: per page (gzip)", 30, async () => {
      const rows = [];
      for (const p of await firstVisitPages())
        rows.push({ ...p, ...(await javascriptOf(base, p.path)) });
      return rows;
    })
  : notRun(figures.NOT_SELECTED);

// Lighthouse before the load, on a quiet machine: it simulates a phone from one page load.
const lighthouse = wanted("lighthouse")
  ? await shopPhase(
      `lighthouse: home, listing, product, ${settings.lighthouseRuns} run(s) each`,
      45 * 3 * settings.lighthouseRuns + 30,
      async () => {
        const { lighthouseScores, LIGHTHOUSE_GOALS } = await import("./lib/lighthouse.mjs");
        const pages = await firstVisitPages();
        const scores = await lighthouseScores(
          pages.map((p) => base + p.path),
          { runs: settings.lighthouseRuns },
        );
        return { goals: LIGHTHOUSE_GOALS, rows: scores.map((s, i) => ({ ...pages[i], ...s })) };
      },
    )
  : notRun(figures.NOT_SELECTED);

const pages = wanted("pages")
  ? await shopPhase(
      `pages: ${settings.connections} connections, ${settings.pageSeconds} s each`,
      7 * (settings.pageSeconds + 10) + 20,
      async () => {
        const pageLoad = await import("./lib/page-load.mjs");
        const rows = [];
        for (const c of await pageLoad.shopperPages(base)) {
          const r = await pageLoad.measurePage({
            base,
            path: c.path,
            connections: settings.connections,
            duration: settings.pageSeconds,
          });
          note(`pages: ${c.label} ${r.reqPerSec} req/s, p97.5 ${r.p97_5} ms`);
          // Which page's load the storefront's memory grows with (in the JSON only).
          const { web } = alivePids();
          const webBytesAfter = web ? residentSizes({ web }).web : undefined;
          rows.push({
            ...c,
            ...r,
            path: typeof c.path === "string" ? c.path : r.path,
            webBytesAfter,
          });
        }
        return { limits: pageLoad.PAGE_LIMITS, rows };
      },
    )
  : notRun(figures.NOT_SELECTED);
const loaded = await memory("at the end of the load");

if (!settings.url && !shopMissing)
  await runner.phase("stop the shop", 30, async () => {
    await stopAll();
  });

// 3. The embedded shop, idle: what a start with no servers installed holds, its PostgreSQL in.
const embeddedIdle =
  wanted("memory") && startsShop && built.ok
    ? await runner.phase("memory: the embedded shop, idle", 300, async ({ signal }) => {
        signal.addEventListener("abort", () => void stopAll(), { once: true });
        const log = (msg) => note(`[embedded shop] ${msg}`);
        const server = await startEmbeddedFor(PROFILES.bench, log);
        stopLast(server.stop);
        try {
          const servers = { mode: "embedded", postgresUrl: server.url, stop: server.stop };
          await prepareDatabases(PROFILES.bench, servers, log);
          await startAll(PROFILES.bench, servers, log);
          await new Promise((r) => setTimeout(r, 5_000)); // it settles, as the distributed one did
          return {
            sizes: residentSizes({ ...alivePids(startedPids()), PostgreSQL: server.pid }),
            postgresPss: proportionalSizeOf(server.pid),
          };
        } finally {
          await stopAll();
        }
      })
    : notRun(startsShop ? figures.NOT_SELECTED : "the shop was not started by the bench");

// The table.
const report = createReport();
if (wanted("postgres") || wanted("checkout"))
  figures.checkoutRows(report, pg, checkout, checkoutTraced);
if (wanted("embedded"))
  figures.embeddedRows(report, embedded, embeddedStack, { checkout, sampler: checkoutStack });
if (wanted("claims")) figures.claimsRows(report, claims);
if (wanted("popular")) figures.popularRows(report, popular);
if (wanted("pages"))
  figures.pageRows(report, pages, {
    connections: settings.connections,
    seconds: settings.pageSeconds,
  });
if (wanted("javascript")) figures.javascriptRows(report, js);
if (wanted("lighthouse")) figures.lighthouseRows(report, lighthouse);
if (wanted("memory"))
  figures.memoryRows(report, {
    idle,
    loaded,
    checkoutStack,
    embeddedIdle,
    standIns: STAND_INS.map((s) => s.name),
  });

const seconds = runner.elapsedSeconds();
printTable(report.rows);
const paths = writeReport(OUT, {
  rows: report.rows,
  phases: runner.results,
  startedAt,
  seconds,
  machine: host,
  settings,
});
console.log(`\nThe whole run: ${seconds.toFixed(0)} s. Written: ${paths.json}, ${paths.md}`);
const missing = report.rows.filter((r) => r.verdict.startsWith("not measured")).length;
process.exit(signals ? 130 : missing ? 1 : 0);
