// `npm run bench`: measures the storefront under load and what it ships to the browser.
// Figures are printed, never asserted: this machine is shared and noisy. Run it against a
// started shop (`npm start`), or set BENCH_URL.
import { spawn } from "node:child_process";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";

const base = process.env.BENCH_URL ?? "http://localhost:3000";
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const duration = Number(process.env.BENCH_SECONDS ?? 10);

async function firstProductPath() {
  const html = await (await fetch(`${base}/products`)).text();
  return html.match(/href="(\/products\/[a-z0-9-]+)"/)?.[1] ?? "/products/no-product";
}

async function load(path) {
  await fetch(base + path); // fill the cache first: the figure is for a warm shop
  const r = await autocannon({ url: base + path, connections, duration });
  const errors = r.errors + r.timeouts + r.non2xx;
  console.log(
    `${path.padEnd(40)} ${String(Math.round(r.requests.average)).padStart(6)} req/s` +
      `   p50 ${r.latency.p50} ms   p97.5 ${r.latency.p97_5} ms   p99 ${r.latency.p99} ms` +
      (errors ? `   (${errors} errors/non-2xx)` : ""),
  );
}

/** The JavaScript a first visit to `path` downloads, gzip-compressed as a server would send it. */
async function javascriptOf(path) {
  const html = await (await fetch(base + path)).text();
  // Modern browsers skip `nomodule` scripts (the legacy polyfills), so they are not counted.
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"[^>]*>/g)].filter(
    (m) => !/nomodule/i.test(m[0]),
  );
  const scripts = [...new Set(tags.map((m) => m[1]))];
  let raw = 0;
  let gzip = 0;
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  const inline = [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
    (n, m) => n + m[1].length,
    0,
  );
  console.log(
    `${path.padEnd(40)} ${scripts.length} scripts, ${(gzip / 1024).toFixed(1)} KB gzip (${(raw / 1024).toFixed(1)} KB raw), ` +
      `${(inline / 1024).toFixed(1)} KB inline (RSC payload)`,
  );
}

console.log(`storefront at ${base}: ${connections} connections, ${duration} s each\n`);
const product = await firstProductPath();
console.log("JavaScript per page:");
for (const path of ["/", "/products", product]) await javascriptOf(path);
console.log("\nThroughput and latency:");
for (const path of [
  "/",
  "/products",
  "/products?category=audio&sort=price_asc",
  "/products?page=2",
  product,
  "/products?q=lamp",
])
  await load(path);

// Coupon claims need no running shop: coupon-service's own benchmark uses a throwaway database.
console.log("\nCoupon claims (10,000 concurrent claims for 1,000 coupons, limit: 2,000 claims/s):");
await new Promise((resolve, reject) =>
  spawn("npm", ["run", "bench:claims", "-w", "@shop/coupon-service", "--silent"], {
    stdio: "inherit",
  }).once("exit", (code) =>
    code === 0 ? resolve() : reject(new Error(`claims bench: exit ${code}`)),
  ),
);

// Popular products on a throwaway database of their own too: product-service's HTTP API in a
// process of its own, and the same answer computed on the fly from 1,000,000 order lines.
console.log(
  "\nPopular products (products.popular at 1,000 requests/s, limit: p99 under 10 ms; the read model" +
    " at least 20x faster than computing it from 1,000,000 order lines):",
);
await new Promise((resolve, reject) =>
  spawn("npm", ["run", "bench:popular", "-w", "@shop/product-service", "--silent"], {
    stdio: "inherit",
  }).once("exit", (code) =>
    code === 0 ? resolve() : reject(new Error(`popular bench: exit ${code}`)),
  ),
);

// The checkout saga on its own stack (two processes of each service, throwaway databases and
// RabbitMQ vhost): no running shop needed either.
console.log(
  "\nCheckouts (place to COMPLETED through the saga; goal: 100/s, p99 under 250 ms at half):",
);
await new Promise((resolve, reject) =>
  spawn("npm", ["run", "bench:checkout", "-w", "@shop/order-service", "--silent"], {
    stdio: "inherit",
  }).once("exit", (code) =>
    code === 0 ? resolve() : reject(new Error(`checkout bench: exit ${code}`)),
  ),
);
