// `npm run bench:pages`: the storefront's pages under load, against a running shop
// (`npm start`, or BENCH_URL). Prints one line per page beside its limit; asserts nothing.
import { firstProductPath, measurePage, PAGE_LIMITS, uniqueSearchPath } from "./lib/page-load.mjs";

const base = process.env.BENCH_URL ?? "http://localhost:3000";
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const only = process.argv.slice(2);

/** Every page kind a shopper reaches; `cached` pages are judged by the stricter limit. */
export async function pageCases() {
  return [
    { label: "home", path: "/", cached: true },
    { label: "all products", path: "/products", cached: true },
    { label: "a category", path: "/products?category=audio", cached: true },
    {
      label: "filtered + sorted",
      path: "/products?category=kitchen&min=10&max=200&sort=price_asc",
      cached: true,
    },
    { label: "page 2", path: "/products?page=2", cached: true },
    { label: "product page", path: await firstProductPath(base), cached: true },
    { label: "repeated search", path: "/products?q=lamp", cached: true },
    { label: "new search each time", path: uniqueSearchPath, cached: false },
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
