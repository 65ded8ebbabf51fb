// What a shopper's phone sees: Lighthouse 12 (its default mobile profile: a mid-range phone,
// 4x CPU slowdown, slow 4G, simulated) on pages of a running shop, with the machine's Chromium.
// Used by `npm run bench:lighthouse` and `npm run bench`; returns numbers, prints nothing.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

/** The goals for every measured page. */
export const LIGHTHOUSE_GOALS = { performance: 100, accessibility: 100, lcpMs: 1500, tbtMs: 100 };

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

function chromiumPath() {
  const path =
    process.env.CHROMIUM_PATH ??
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);
  if (!path)
    throw new Error(
      "No Chromium found: apt-get install chromium (or set CHROMIUM_PATH to a Chrome/Chromium)",
    );
  return path;
}

/**
 * Lighthouse scores (0-100) and the main figures of each URL, one Chromium for all of them.
 * Each URL is run `runs` times and the run with the median performance score is kept, as
 * Lighthouse's own guidance suggests: one run varies by several points on a busy machine.
 * With `reportDir` (by default LIGHTHOUSE_REPORTS), every run's full report is written there as
 * JSON, the median's as <page>.json and each run's as <page>.<n>.json (open one in the Lighthouse
 * viewer, or read its audits: the LCP element, where the main thread's time went, by script):
 * the median alone hides what a slow run spent its time on.
 * @param {string[]} urls
 * @returns {Promise<Array<{ url: string, performance: number, accessibility: number,
 *   bestPractices: number, seo: number, lcpMs: number, tbtMs: number, fcpMs: number,
 *   cls: number, mainThreadMs: number, scriptMs: number, transferKb: number,
 *   failedAudits: string[] }>>}
 */
export async function lighthouseScores(
  urls,
  { runs = 3, reportDir = process.env.LIGHTHOUSE_REPORTS } = {},
) {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const results = [];
    for (const url of urls) {
      const all = [];
      for (let i = 0; i < runs; i++) {
        const lhr = await oneRun(chrome.port, url);
        all.push({ lhr, summary: summarise(lhr) });
      }
      const name = new URL(url).pathname.replace(/\W+/g, "_") || "_";
      if (reportDir) {
        mkdirSync(reportDir, { recursive: true });
        all.forEach((run, i) =>
          writeFileSync(`${reportDir}/${name}.${i + 1}.json`, JSON.stringify(run.lhr)),
        );
      }
      all.sort((a, b) => a.summary.performance - b.summary.performance);
      const median = all[Math.floor(all.length / 2)];
      if (reportDir) writeFileSync(`${reportDir}/${name}.json`, JSON.stringify(median.lhr));
      results.push(median.summary);
    }
    return results;
  } finally {
    await chrome.kill();
  }
}

/** One Lighthouse run; a run whose trace Chromium failed to record (NO_NAVSTART...) is redone. */
async function oneRun(port, url, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    const { lhr } = await lighthouse(url, {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
    });
    if (!lhr.runtimeError) return lhr;
    if (attempt === attempts) throw new Error(`${url}: ${lhr.runtimeError.message}`);
  }
}

function summarise(lhr) {
  const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const audit = (id) => lhr.audits[id];
  const breakdown = audit("mainthread-work-breakdown")?.details?.items ?? [];
  const failedAudits = Object.values(lhr.categories)
    .flatMap((c) => c.auditRefs.filter((r) => r.weight > 0).map((r) => lhr.audits[r.id]))
    .filter((a) => a.score !== null && a.score < 0.9)
    .map((a) => `${a.id} (${a.displayValue ?? a.score})`);
  return {
    url: lhr.finalDisplayedUrl,
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    seo: score("seo"),
    lcpMs: Math.round(audit("largest-contentful-paint").numericValue),
    tbtMs: Math.round(audit("total-blocking-time").numericValue),
    fcpMs: Math.round(audit("first-contentful-paint").numericValue),
    cls: Number(audit("cumulative-layout-shift").numericValue.toFixed(3)),
    mainThreadMs: Math.round(audit("mainthread-work-breakdown")?.numericValue ?? 0),
    scriptMs: Math.round(breakdown.find((b) => b.group === "scriptEvaluation")?.duration ?? 0),
    transferKb: Math.round((audit("total-byte-weight")?.numericValue ?? 0) / 1024),
    failedAudits,
  };
}
