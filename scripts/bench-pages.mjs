// `npm run bench:pages`: the storefront's pages under load, against a running shop
// (`npm start`, or BENCH_URL). Prints one line per page beside its limit; asserts nothing.
import { measurePage, PAGE_LIMITS, shopperPages } from "./lib/page-load.mjs";

const base = process.env.BENCH_URL ?? "http://localhost:3000";
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const only = process.argv.slice(2);

/** The shopper's pages, a second page of a listing, and a static file as the floor. */
async function pageCases() {
  const pages = await shopperPages(base);
  return [
    ...pages.slice(0, 4),
    { label: "page 2", path: "/products?page=2", cached: true },
    ...pages.slice(4),
    // The floor: a small static file through the same server (Next's static handler).
    { label: "static file (floor)", path: "/images/placeholder.svg", cached: true },
  ];
}

console.log(`storefront at ${base}: ${connections} connections, ${duration} s each, gzip\n`);
for (const c of await pageCases()) {
  if (only.length && !only.some((o) => c.label.includes(o))) continue;
  const r = await measurePage({ base, path: c.path, connections, duration });
  const limit = c.cached ? PAGE_LIMITS.cached : PAGE_LIMITS.any;
  const ok = r.reqPerSec >= limit.reqPerSec && r.p97_5 < limit.p97_5;
  console.log(
    `${c.label.padEnd(22)} ${String(r.reqPerSec).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms` +
      `  p97.5 ${String(r.p97_5).padStart(4)} ms  ${r.kbPerResponse.toFixed(1).padStart(5)} KB` +
      `  (limit ${limit.reqPerSec}/s, <${limit.p97_5} ms: ${ok ? "met" : "MISSED"})` +
      (r.errors ? `  ${r.errors} errors/non-2xx` : "") +
      `  ${typeof c.path === "string" ? c.path : ""}`,
  );
}
