// Storefront pages under load, as `npm run bench` and `npm run bench:pages` measure them.
// One function per figure, returning numbers (the caller prints or stores them).
import autocannon from "autocannon";

/** What a browser sends: the page is compressed on the wire, as a shopper receives it. */
export const BROWSER_HEADERS = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br",
};

/** The limits (2 cores, the load generator on the same machine). */
export const PAGE_LIMITS = {
  cached: { reqPerSec: 2000, p97_5: 50 },
  any: { reqPerSec: 1000, p97_5: 100 },
};

/** Every kind of page a shopper reaches; `cached` pages are held to the stricter limit. */
export async function shopperPages(base) {
  return [
    { label: "home", path: "/", cached: true },
    { label: "all products", path: "/products", cached: true },
    { label: "a category", path: "/products?category=audio", cached: true },
    {
      label: "filtered + sorted",
      path: "/products?category=kitchen&min=10&max=200&sort=price_asc",
      cached: true,
    },
    { label: "repeated search", path: "/products?q=lamp", cached: true },
    { label: "new search each time", path: uniqueSearchPath, cached: false },
    // What the search is judged against: the same layout rendered per request, with no data.
    {
      label: "trivial page per request (yardstick)",
      path: "/bench/per-request",
      cached: false,
      yardstick: true,
    },
    { label: "product page", path: await firstProductPath(base), cached: true },
  ];
}

/**
 * Requests per second and latency of one page at `connections` concurrent connections.
 * `path` is a string, or a function returning a new path per request (a search nobody made
 * before: every request a different query). A fixed path is fetched once first, so the figure
 * is for a warm shop.
 * @returns {Promise<{ path: string, reqPerSec: number, p50: number, p97_5: number, p99: number,
 *   kbPerResponse: number, errors: number }>}
 */
export async function measurePage({ base, path, label, connections = 50, duration = 10 }) {
  const fixed = typeof path === "string";
  if (fixed) await fetch(base + path, { headers: BROWSER_HEADERS }).then((r) => r.arrayBuffer());
  const r = await autocannon({
    url: base,
    connections,
    duration,
    headers: BROWSER_HEADERS,
    requests: [
      fixed
        ? { method: "GET", path }
        : { method: "GET", setupRequest: (req) => ({ ...req, path: path() }) },
    ],
  });
  return {
    path: label ?? (fixed ? path : "(a new path per request)"),
    reqPerSec: Math.round(r.requests.average),
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    kbPerResponse: r.requests.total ? r.throughput.total / r.requests.total / 1024 : 0,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

/** A product page's path, read from the listing (the catalog's slugs are the seed's). */
export async function firstProductPath(base) {
  const html = await (await fetch(`${base}/products`)).text();
  return html.match(/href="(\/products\/[a-z0-9-]+)"/)?.[1] ?? "/products/no-product";
}

let uniqueCounter = 0;
const SEARCH_WORDS = [
  "lamp",
  "mug",
  "oak",
  "tea",
  "bag",
  "steel",
  "desk",
  "light",
  "coffee",
  "wool",
];
/**
 * A search no one made before that still finds products, as a shopper's would: a common word
 * with a price bound no one typed yet (every request a new listing state, so a new render).
 */
export const uniqueSearchPath = () => {
  const n = uniqueCounter++;
  const max = 100_000 + ((process.pid * 7919 + Date.now() + n) % 900_000);
  return `/products?q=${SEARCH_WORDS[n % SEARCH_WORDS.length]}&max=${max}`;
};
