// `npm run bench:lighthouse`: Lighthouse's mobile scores of the home page, a listing and a
// product page of a running shop (`npm start`, or BENCH_URL), beside the goals; asserts nothing.
// LIGHTHOUSE_RUNS (default 5) runs per page, the median kept; LIGHTHOUSE_REPORTS=<dir> keeps
// each page's full report.
import { firstProductPath } from "./lib/page-load.mjs";
import { LIGHTHOUSE_GOALS, lighthouseScores } from "./lib/lighthouse.mjs";

const base = process.env.BENCH_URL ?? "http://localhost:3000";
const pages = [
  ["home", "/"],
  ["listing", "/products"],
  ["product", await firstProductPath(base)],
];
const rows = await lighthouseScores(
  pages.map(([, path]) => base + path),
  {
    runs: Number(process.env.LIGHTHOUSE_RUNS ?? 5),
    reportDir: process.env.LIGHTHOUSE_REPORTS,
  },
);

const g = LIGHTHOUSE_GOALS;
console.log(
  `Lighthouse 12, mobile (goals: performance >= ${g.performance}, LCP < ${g.lcpMs} ms, ` +
    `TBT < ${g.tbtMs} ms, accessibility ${g.accessibility})\n`,
);
console.log(
  "page      perf  a11y  best  seo    LCP ms   TBT ms   FCP ms   CLS    main ms  script ms  KB",
);
rows.forEach((r, i) => {
  const met =
    r.performance >= g.performance &&
    r.accessibility >= g.accessibility &&
    r.lcpMs < g.lcpMs &&
    r.tbtMs < g.tbtMs;
  console.log(
    [
      pages[i][0].padEnd(8),
      String(r.performance).padStart(5),
      String(r.accessibility).padStart(5),
      String(r.bestPractices).padStart(5),
      String(r.seo).padStart(4),
      String(r.lcpMs).padStart(9),
      String(r.tbtMs).padStart(8),
      String(r.fcpMs).padStart(8),
      r.cls.toFixed(3).padStart(6),
      String(r.mainThreadMs).padStart(9),
      String(r.scriptMs).padStart(10),
      String(r.transferKb).padStart(4),
      met ? "  goals met" : "  GOALS MISSED",
    ].join(" "),
  );
  if (r.failedAudits.length) console.log(`          below 90: ${r.failedAudits.join(", ")}`);
});
