// The rows of `npm run bench`'s table, from each phase's figures, beside the issue's limits
// (issue 15; the checkout, coupon and popular-products issues set theirs). A phase that did not
// measure gives its rows as "not measured", with the reason, so the table always has them all.

/**
 * Limits of the benchmarks run on their own stacks (pages and Lighthouse bring their own):
 * issue 28 judges checkout against PostgreSQL's bound measured in the same run, and the CPU
 * a checkout costs across every process.
 */
export const LIMITS = {
  ofPostgresBound: 0.5,
  cpuPerCheckoutMs: 8,
  embeddedCheckoutPerSec: 50,
  openLoopP99Ms: 250,
  claimsPerSec: 2_000,
  coupons: 1_000,
  popularP99Ms: 10,
  popularRatio: 20,
};

/** The reason of a phase left out on the command line: its rows are left out too. */
export const NOT_SELECTED = "not selected";

const int = (n) => Math.round(n).toLocaleString("en-US");
const ms = (n) =>
  !Number.isFinite(n) ? "—" : n < 10 ? `${n.toFixed(2)} ms` : `${Math.round(n)} ms`;
const mb = (bytes) => `${Math.round(bytes / 2 ** 20)} MB`;
const percentiles = (r) => `p50 ${ms(r.p50)} · p95 ${ms(r.p95)} · p99 ${ms(r.p99)}`;

/** A row per closed-loop level of a checkout run; answers the best level. */
function closedLoopRows(report, runs) {
  const levels = runs.filter((r) => r.concurrency !== undefined);
  for (const r of levels)
    report.reference(
      `closed loop, ${r.concurrency} at once`,
      `${r.completedPerSec.toFixed(1)}/s · ${percentiles(r)}${r.lost ? ` · ${r.lost} lost` : ""}`,
      "the best is judged",
      r,
    );
  return levels.reduce((a, b) => (b.completedPerSec > a.completedPerSec ? b : a), levels[0]);
}

/**
 * PostgreSQL's bound, commits per checkout, each closed-loop level, the best against the goal
 * and against the bound, the open loop at half the best, the CPU a checkout costs, and (when
 * `traced` ran) the best closed loop again with OpenTelemetry tracing on.
 */
export function checkoutRows(report, pg, checkout, traced) {
  checkoutOffRows(report, pg, checkout);
  if (traced) tracingRows(report, checkout, traced);
}

/** The best closed loop with tracing off and on (OTLP to the benchmark's sink), side by side. */
function tracingRows(report, checkout, traced) {
  if (!traced.ok) {
    if (traced.reason !== NOT_SELECTED)
      report.notMeasured("best closed loop, tracing on", "reference", traced.reason);
    return;
  }
  const on = bestOf(traced.value.runs);
  const off = checkout.ok ? bestOf(checkout.value.runs) : undefined;
  if (off)
    report.reference(
      "best closed loop, tracing off (OTEL_* unset)",
      `${off.completedPerSec.toFixed(1)}/s (${off.concurrency} at once) · ${percentiles(off)}`,
      "reference",
      off,
    );
  report.reference(
    "best closed loop, tracing on (OTLP to a local sink)",
    `${on.completedPerSec.toFixed(1)}/s (${on.concurrency} at once) · ${percentiles(on)} · ` +
      `${traced.value.spansPerCheckout.toFixed(1)} spans a checkout` +
      (off ? ` · ${((on.completedPerSec / off.completedPerSec - 1) * 100).toFixed(0)}%` : ""),
    "reference",
    { ...on, spansPerCheckout: traced.value.spansPerCheckout },
  );
}

const CHECKOUT_SECTION =
  "Checkout: place → COMPLETED through the saga, distributed (2 instances of each service), then embedded";

function checkoutOffRows(report, pg, checkout) {
  report.section(CHECKOUT_SECTION);
  const tps = pg.ok ? pg.value.tps : NaN;
  const pgFigure = `PostgreSQL's bound: pgbench -N -c 8, ${pg.value?.seconds ?? "?"} s, same server`;
  if (pg.ok) report.reference(pgFigure, `${int(tps)} transactions/s`, "reference", { tps });
  else if (pg.reason !== NOT_SELECTED) report.notMeasured(pgFigure, "reference", pg.reason);
  if (!checkout.ok && checkout.reason === NOT_SELECTED) return;
  if (!checkout.ok) {
    report.notMeasured("best closed loop", boundGoal, checkout.reason);
    report.notMeasured(
      "open loop at half the best",
      `p99 < ${LIMITS.openLoopP99Ms} ms`,
      checkout.reason,
    );
    report.notMeasured("CPU per checkout, all processes", cpuGoal, checkout.reason);
    return;
  }
  const c = checkout.value;
  const bound = tps / c.commitsPerCheckout;
  report.reference(
    "commits per checkout, 4 databases (relays, idle jobs in)",
    c.commitsPerCheckout.toFixed(1),
  );
  report.reference(
    "bound: pgbench TPS ÷ commits per checkout",
    Number.isFinite(bound) ? `${int(bound)} checkouts/s` : "—",
  );
  const best = closedLoopRows(report, c.runs);
  const ofBound = best.completedPerSec / bound;
  report.judged(
    "best closed loop ÷ the bound",
    `${best.completedPerSec.toFixed(1)}/s (${best.concurrency} at once) = ` +
      `${Number.isFinite(ofBound) ? ofBound.toFixed(2) : "—"} of ` +
      `${Number.isFinite(bound) ? int(bound) : "—"}/s`,
    boundGoal,
    ofBound >= LIMITS.ofPostgresBound,
    best,
  );
  const open = c.runs.find((r) => r.offeredPerSec !== undefined);
  if (open) {
    const missed = [];
    if (!(open.p99 < LIMITS.openLoopP99Ms)) missed.push("p99");
    if (open.lost) missed.push(`${open.lost} lost`);
    report.judged(
      `open loop at ${open.offeredPerSec}/s offered (half the best)`,
      `${open.completedPerSec.toFixed(1)}/s · ${percentiles(open)}`,
      `p99 < ${LIMITS.openLoopP99Ms} ms`,
      missed,
      open,
    );
  }
  cpuRow(report, "CPU per checkout, all processes", c.cpu ?? []);
}

const boundGoal = `≥ ${LIMITS.ofPostgresBound.toFixed(2)} of the bound`;
const cpuGoal = `≤ ${LIMITS.cpuPerCheckoutMs} ms`;

/** The CPU a checkout costs, judged, with where it went (the largest first). */
function cpuRow(report, figure, cpu) {
  if (!cpu.length) return report.notMeasured(figure, cpuGoal, "no /proc to read");
  const total = cpu.reduce((t, g) => t + g.ms, 0);
  const parts = [...cpu]
    .sort((a, b) => b.ms - a.ms)
    .map((g) => `${g.group} ${g.ms.toFixed(1)}`)
    .join(", ");
  report.judged(
    figure,
    `${total.toFixed(1)} ms (${parts}; 2 cores: at most ${int(2_000 / total)}/s)`,
    cpuGoal,
    total <= LIMITS.cpuPerCheckoutMs,
    cpu,
  );
}

export function claimsRows(report, claims) {
  report.section("Coupons: 10,000 concurrent claims for 1,000 coupons");
  if (!claims.ok) {
    report.notMeasured("claims/s", `≥ ${int(LIMITS.claimsPerSec)}/s`, claims.reason);
    report.notMeasured("coupons issued", `exactly ${int(LIMITS.coupons)}`, claims.reason);
    return;
  }
  const c = claims.value;
  report.judged(
    `claims/s (median of ${c.rounds.length} rounds)`,
    `${int(c.medianClaimsPerSec)}/s (${c.rounds.map((r) => int(r.claimsPerSec)).join(", ")})`,
    `≥ ${int(LIMITS.claimsPerSec)}/s`,
    c.medianClaimsPerSec >= LIMITS.claimsPerSec,
  );
  report.judged(
    "coupons issued, each round",
    `${c.rounds.map((r) => int(r.issued)).join(" · ")}` +
      (c.rounds.every((r) => r.coupons === r.issued && r.users === r.issued)
        ? " (coupon rows, users agree)"
        : " (coupon rows or users differ)"),
    `exactly ${int(LIMITS.coupons)}`,
    c.rounds.every((r) => r.exact),
  );
}

export function popularRows(report, popular) {
  report.section("Popular products: products.popular through the service's API");
  if (!popular.ok) {
    report.notMeasured("p99 at 1,000 requests/s", `< ${LIMITS.popularP99Ms} ms`, popular.reason);
    report.notMeasured("on the fly ÷ read model", `≥ ${LIMITS.popularRatio}x`, popular.reason);
    return;
  }
  const p = popular.value;
  const missed = [];
  if (!(p.p99 < LIMITS.popularP99Ms)) missed.push("p99");
  if (p.errors) missed.push(`${p.errors} errors`);
  report.judged(
    `p99 at ${int(p.offeredPerSec)} requests/s offered, ${p.seconds} s`,
    `${ms(p.p99)} (p50 ${ms(p.p50)}, p95 ${ms(p.p95)}; ${int(p.achievedPerSec)}/s answered, ${p.errors} errors)`,
    `< ${LIMITS.popularP99Ms} ms`,
    missed,
  );
  report.judged(
    `on the fly from ${int(p.lines)} order lines ÷ read model`,
    `${Math.round(p.ratio)}x (${ms(p.naiveMs)} ÷ ${ms(p.modelMs)})`,
    `≥ ${LIMITS.popularRatio}x`,
    p.ratio >= LIMITS.popularRatio,
  );
}

/**
 * A page rendered per request (a search nobody made before) is judged against the yardstick
 * measured in the same run, a trivial page rendered per request on the same Next.js (issue 28);
 * cached pages against their own limit.
 */
export const SEARCH_LIMITS = { ofYardstick: 0.8, p97_5: 150 };

/** One row per page: req/s, p50, p97.5 against the cached limit or the yardstick. */
export function pageRows(report, pages, { connections, seconds }) {
  report.section(
    `Pages: ${connections} connections, gzip, ${seconds} s each (load generator on the same machine)`,
  );
  if (!pages.ok) {
    report.notMeasured("every page", "≥ 2,000 req/s, p97.5 < 50 ms", pages.reason);
    return;
  }
  const { rows, limits } = pages.value;
  const yardstick = rows.find((r) => r.yardstick);
  const value = (r) => `${int(r.reqPerSec)} req/s · p50 ${r.p50} ms · p97.5 ${r.p97_5} ms`;
  const name = (r) => `${r.label}${typeof r.path === "string" ? ` ${r.path}` : ""}`;
  for (const r of rows) {
    if (r.yardstick) {
      report.reference(name(r), value(r), "the yardstick of a page rendered per request", r);
      continue;
    }
    const errors = r.errors ? [`${int(r.errors)} errors`] : [];
    if (r.cached) {
      const limit = limits.cached;
      const missed = [
        ...(r.reqPerSec >= limit.reqPerSec ? [] : ["req/s"]),
        ...(r.p97_5 < limit.p97_5 ? [] : ["p97.5"]),
        ...errors,
      ];
      report.judged(
        name(r),
        value(r),
        `≥ ${int(limit.reqPerSec)}/s, p97.5 < ${limit.p97_5} ms (cached)`,
        missed,
        r,
      );
      continue;
    }
    const goal = `≥ ${SEARCH_LIMITS.ofYardstick} of the yardstick, p97.5 < ${SEARCH_LIMITS.p97_5} ms`;
    if (!yardstick) {
      report.notMeasured(name(r), goal, "the yardstick page was not measured", value(r));
      continue;
    }
    const ratio = r.reqPerSec / yardstick.reqPerSec;
    const missed = [
      ...(ratio >= SEARCH_LIMITS.ofYardstick ? [] : ["req/s"]),
      ...(r.p97_5 < SEARCH_LIMITS.p97_5 ? [] : ["p97.5"]),
      ...errors,
    ];
    report.judged(name(r), `${value(r)} · ${ratio.toFixed(2)} of the yardstick`, goal, missed, {
      ...r,
      ofYardstick: ratio,
    });
  }
}

export function javascriptRows(report, js) {
  report.section("JavaScript per page (what a first visit downloads, as sent to a browser)");
  if (!js.ok) {
    report.notMeasured("JavaScript per page", "reference", js.reason);
    return;
  }
  for (const r of js.value)
    report.reference(
      r.label,
      `${(r.wireBytes / 1024).toFixed(1)} KB ${r.encodings.join("/")} in ${r.scripts} scripts (gzip: ${(r.gzipBytes / 1024).toFixed(1)} KB; + ${(r.inlineBytes / 1024).toFixed(1)} KB inline RSC payload)`,
      "ref (judged by Lighthouse's TBT)",
      r,
    );
}

export function lighthouseRows(report, lh) {
  report.section("Lighthouse 12, mobile profile (the machine's Chromium)");
  if (!lh.ok) {
    report.notMeasured(
      "home, listing, product",
      "the goals of scripts/lib/lighthouse.mjs",
      lh.reason,
    );
    return;
  }
  const { rows, goals: g } = lh.value;
  for (const r of rows) {
    const missed = [];
    if (!(r.performance >= g.performance)) missed.push("perf");
    if (!(r.accessibility >= g.accessibility)) missed.push("a11y");
    if (!(r.lcpMs < g.lcpMs)) missed.push("LCP");
    if (!(r.tbtMs < g.tbtMs)) missed.push("TBT");
    report.judged(
      `${r.label} ${r.path}`,
      `perf ${r.performance} · a11y ${r.accessibility} · LCP ${(r.lcpMs / 1000).toFixed(1)} s · TBT ${r.tbtMs} ms`,
      `perf ≥ ${g.performance}, a11y ${g.accessibility}, LCP < ${(g.lcpMs / 1000).toFixed(1)} s, TBT < ${g.tbtMs} ms`,
      missed,
      r,
    );
  }
}

/**
 * Resident size of each process of the shop, idle and at the end of the load; the idle shop's
 * total, distributed and embedded, against issue 28's limits; and the checkout stack's
 * processes at their peak under the checkout load. `process` is the bench's own budget for a
 * service (no issue sets one): about twice what one holds idle.
 */
export const MEMORY_LIMITS = {
  web: 300 * 2 ** 20,
  process: 256 * 2 ** 20,
  distributedIdle: 800 * 2 ** 20,
  embeddedIdle: 700 * 2 ** 20,
};

/** `{ name: bytes }` as "a 12 MB · b 34 MB", the largest first. */
const partsOf = (sizes) =>
  Object.entries(sizes)
    .sort(([, a], [, b]) => b - a)
    .map(([name, bytes]) => `${name} ${mb(bytes)}`)
    .join(" · ");

/** The shop's total, judged; stand-ins for outside systems are named but not counted. */
function totalRow(report, figure, sizes, limit, standIns, note = "") {
  if (!sizes.ok) return report.notMeasured(figure, `< ${mb(limit)}`, sizes.reason);
  const own = Object.fromEntries(
    Object.entries(sizes.value).filter(([name]) => !standIns.includes(name)),
  );
  const total = Object.values(own).reduce((t, b) => t + b, 0);
  const outside = standIns.filter((n) => n in sizes.value);
  report.judged(
    figure,
    `${mb(total)} (${partsOf(own)}${note}${outside.length ? `; not counted: ${outside.map((n) => `${n} ${mb(sizes.value[n])}`).join(", ")}` : ""})`,
    `< ${mb(limit)}`,
    total < limit,
    { totalBytes: total, ...sizes.value },
  );
}

export function memoryRows(report, { idle, loaded, checkoutStack, embeddedIdle, standIns }) {
  report.section("Memory: resident size (RSS, /proc) of each process");
  if (!idle.ok && !loaded.ok) report.notMeasured("the shop's processes", "", idle.reason);
  else {
    const names = Object.keys(idle.ok ? idle.value : loaded.value);
    for (const name of names) {
      const before = idle.ok ? idle.value[name] : NaN;
      const after = loaded.ok ? loaded.value[name] : NaN;
      const limit = name === "web" ? MEMORY_LIMITS.web : MEMORY_LIMITS.process;
      const figure = `${name}, idle → end of the load`;
      const value = `${Number.isFinite(before) ? mb(before) : "—"} → ${Number.isFinite(after) ? mb(after) : "—"}`;
      // Both sizes are judged; without one of them the row says which phase is missing.
      if (!idle.ok || !loaded.ok)
        report.notMeasured(figure, `< ${mb(limit)}`, (idle.ok ? loaded : idle).reason, value);
      else
        report.judged(figure, value, `< ${mb(limit)}`, Math.max(before, after) < limit, {
          idleBytes: before,
          loadedBytes: after,
        });
    }
  }
  totalRow(report, "the shop idle, distributed", idle, MEMORY_LIMITS.distributedIdle, standIns);
  if (embeddedIdle.reason !== NOT_SELECTED)
    totalRow(
      report,
      "the shop idle, embedded (its PostgreSQL in)",
      embeddedIdle.ok ? { ok: true, value: embeddedIdle.value.sizes } : embeddedIdle,
      MEMORY_LIMITS.embeddedIdle,
      standIns,
      embeddedIdle.ok
        ? `; PostgreSQL by proportional size ${mb(embeddedIdle.value.postgresPss)}, its shared buffers counted once`
        : "",
    );
  if (checkoutStack && Object.keys(checkoutStack.peak).length)
    for (const [app, s] of Object.entries(checkoutStack.peak))
      report.judged(
        `${app} under the checkout load, peak (${s.processes} processes)`,
        `${mb(s.bytes / s.processes)} each`,
        `< ${mb(MEMORY_LIMITS.process)} each`,
        s.bytes / s.processes < MEMORY_LIMITS.process,
        s,
      );
}

/**
 * Embedded mode's shape beside the distributed one, in the checkout section: the best closed
 * loop of the one service-host process (in-memory transport, embedded PostgreSQL), whether
 * every order ended, its CPU and its memory, each next to the distributed stack's figure.
 */
export function embeddedRows(report, embedded, sampler, distributed) {
  report.section(CHECKOUT_SECTION); // after the distributed rows, or alone
  const goal = `≥ ${LIMITS.embeddedCheckoutPerSec}/s, every order terminal`;
  if (!embedded.ok) return report.notMeasured("embedded: best closed loop", goal, embedded.reason);
  const e = embedded.value;
  const levels = e.runs.filter((r) => r.concurrency !== undefined);
  for (const r of levels)
    report.reference(
      `embedded: closed loop, ${r.concurrency} at once`,
      `${r.completedPerSec.toFixed(1)}/s · ${percentiles(r)}`,
      "the best is judged",
      r,
    );
  const best = levels.reduce((a, b) => (b.completedPerSec > a.completedPerSec ? b : a));
  const lost = e.runs.reduce((n, r) => n + r.lost, 0);
  const missed = [];
  if (!(best.completedPerSec >= LIMITS.embeddedCheckoutPerSec)) missed.push("checkouts/s");
  if (lost) missed.push(`${lost} not terminal in 30 s`);
  const other = distributed.checkout.ok ? bestOf(distributed.checkout.value.runs) : undefined;
  report.judged(
    "embedded: best closed loop",
    `${best.completedPerSec.toFixed(1)}/s (${best.concurrency} at once)` +
      (other ? ` · distributed ${other.completedPerSec.toFixed(1)}/s` : ""),
    goal,
    missed,
    best,
  );
  const cpu = e.cpu.reduce((t, c) => t + c.ms, 0);
  report.reference(
    "embedded: CPU per checkout, all processes",
    `${cpu.toFixed(1)} ms (host ${e.cpu.find((c) => c.group === "service-host")?.ms.toFixed(1) ?? "?"} ms)`,
  );
  const host = sampler?.peak["service-host"];
  const services = distributed.sampler?.peakTotal;
  if (host)
    report.reference(
      "embedded: memory under the load, peak",
      `${mb(host.bytes)} (the service-host process)` +
        (services ? ` · distributed ${mb(services)} (every service process)` : ""),
    );
}

const bestOf = (runs) =>
  runs
    .filter((r) => r.concurrency !== undefined)
    .reduce((a, b) => (b.completedPerSec > a.completedPerSec ? b : a));
