import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  dropCachedPages,
  PageCache,
  pageCacheKey,
  recordPage,
  registerPageCache,
  sendStoredPage,
  storableFor,
  type StoredPage,
} from "./page-cache";

const page = (body: string, expiresAt: number, storedAt = 0): StoredPage => ({
  status: 200,
  headers: { "content-type": "text/html" },
  body: Buffer.from(body),
  etag: undefined,
  storedAt,
  expiresAt,
});

describe("PageCache", () => {
  it("answers until a page expires, then lets one request refill it while others get the copy", () => {
    let now = 0;
    const cache = new PageCache(1000, 2000, () => now);
    cache.set("a", page("A", 2000), cache.generation);
    now = 1999;
    expect(cache.get("a")?.body.toString()).toBe("A");
    now = 2000;
    expect(cache.get("a")).toBeUndefined(); // this request refills
    expect(cache.get("a")?.body.toString()).toBe("A"); // the others meanwhile
    now = 4000; // nobody refilled it within another maxAge: gone
    expect(cache.get("a")).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it("drops the pages nobody asked for again once they are past their refill window", () => {
    let now = 0;
    const cache = new PageCache(1000, 2000, () => now);
    cache.set("once", page("typed once", 2000), cache.generation);
    now = 3999;
    cache.set("b", page("B", 7000), cache.generation);
    expect(cache.bytes).toBe("typed once".length + 1); // still within its refill window
    now = 6000; // the next sweep (one per maxAge)
    cache.set("c", page("C", 8000), cache.generation);
    expect(cache.bytes).toBe(2); // "once" is gone without being asked for, far under the budget
    expect(cache.get("b")?.body.toString()).toBe("B");
  });

  it("drops the least recently used pages past its byte budget", () => {
    const cache = new PageCache(10, 60_000, () => 0);
    cache.set("a", page("aaaa", 1000), 0);
    cache.set("b", page("bbbb", 1000), 0);
    cache.get("a"); // a is now the most recently used
    cache.set("c", page("cccc", 1000), 0);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
    expect(cache.bytes).toBe(8);
  });

  it("does not store what a fill got when the cache was cleared meanwhile", () => {
    const cache = new PageCache(1000, 60_000, () => 0);
    const generation = cache.generation;
    cache.clear();
    cache.set("a", page("old", 1000), generation);
    expect(cache.get("a")).toBeUndefined();
  });
});

describe("storableFor", () => {
  const ok = { "cache-control": "s-maxage=60, stale-while-revalidate=31535940" };
  it("keeps a page Next marked shared-cacheable, at most the front's own limit", () => {
    expect(storableFor(200, ok, 2000)).toBe(2000);
    expect(storableFor(200, { "cache-control": "s-maxage=1" }, 2000)).toBe(1000);
  });
  it("reads CDN-Cache-Control first: a search rendered per request is kept as it says", () => {
    const search = {
      "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
      "cdn-cache-control": "max-age=10",
    };
    expect(storableFor(200, search, 2000)).toBe(2000);
    expect(storableFor(200, { ...search, "cdn-cache-control": "max-age=1" }, 2000)).toBe(1000);
    expect(storableFor(200, { ...ok, "cdn-cache-control": "no-store" }, 2000)).toBeUndefined();
    expect(storableFor(200, { ...ok, "cdn-cache-control": "private" }, 2000)).toBeUndefined();
    expect(storableFor(200, { ...search, "set-cookie": ["s=1"] }, 2000)).toBeUndefined();
    expect(storableFor(500, search, 2000)).toBeUndefined();
  });
  it("keeps nothing else", () => {
    expect(storableFor(404, ok, 2000)).toBeUndefined();
    expect(storableFor(200, { ...ok, "set-cookie": ["s=1"] }, 2000)).toBeUndefined();
    for (const cc of [
      "private, no-cache, no-store, max-age=0, must-revalidate",
      "max-age=60",
      "s-maxage=0",
      "s-maxage=60, no-store",
      "",
    ])
      expect(storableFor(200, { "cache-control": cc }, 2000)).toBeUndefined();
  });
});

describe("pageCacheKey", () => {
  const req = (headers: Record<string, string>, method = "GET", url = "/products") =>
    ({ method, url, headers: { "x-shop-client-proto": "http", ...headers } }) as never;
  it("keys a document request by protocol, encoding and URL", () => {
    expect(pageCacheKey(req({ "accept-encoding": "gzip, deflate, br" }))).toBe(
      "http gzip,deflate,br /products",
    );
    expect(pageCacheKey(req({ "x-shop-client-proto": "https" }))).toBe("https  /products");
  });
  it("leaves other methods and the router's own requests to Next", () => {
    expect(pageCacheKey(req({}, "HEAD"))).toBeUndefined();
    expect(pageCacheKey(req({}, "POST"))).toBeUndefined();
    for (const h of ["rsc", "next-router-prefetch", "next-router-state-tree", "range"])
      expect(pageCacheKey(req({ [h]: "1" }))).toBeUndefined();
  });
});

/** A front like src/main.ts's over a stand-in for Next that counts the requests it answers. */
async function front(next: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const cache = new PageCache(1024 * 1024, 60_000);
  let reachedNext = 0;
  const server = http.createServer((req, res) => {
    const key = pageCacheKey(req);
    if (key) {
      const stored = cache.get(key);
      if (stored) return sendStoredPage(req, res, stored);
      recordPage(res, cache, key);
    }
    reachedNext++;
    next(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { cache, url, server, reachedNext: () => reachedNext };
}

const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) =>
      http
        .get(url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on("error", reject),
  );

describe("the front in front of Next", () => {
  it("answers a repeat with the exact bytes and headers Next sent, compressed as they were", async () => {
    const html = "<!DOCTYPE html><p>page</p>".repeat(100);
    const f = await front((_req, res) => {
      // As Next does: headers set one by one, then a compressed body written in parts.
      res.setHeader("Cache-Control", "s-maxage=60, stale-while-revalidate=31535940");
      res.setHeader("ETag", '"abc"');
      res.setHeader("Content-Security-Policy", "default-src 'self'");
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Encoding": "gzip",
      });
      const gz = gzipSync(html);
      res.write(gz.subarray(0, 10));
      res.end(gz.subarray(10));
    });
    servers.push(f.server);
    const first = await get(`${f.url}/products`, { "accept-encoding": "gzip" });
    const second = await get(`${f.url}/products`, { "accept-encoding": "gzip" });
    expect(f.reachedNext()).toBe(1);
    expect(second.headers["x-page-cache"]).toBe("hit");
    expect(first.headers["x-page-cache"]).toBeUndefined();
    for (const r of [first, second]) {
      expect(gunzipSync(r.body).toString()).toBe(html);
      expect(r.headers["content-encoding"]).toBe("gzip");
      expect(r.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(r.headers["content-security-policy"]).toBe("default-src 'self'");
      expect(r.headers.etag).toBe('"abc"');
    }
    // Another encoding is another variant (Vary: Accept-Encoding): Next answers it.
    await get(`${f.url}/products`);
    expect(f.reachedNext()).toBe(2);
    // A browser that has the page gets 304 from the cache.
    const revalidated = await get(`${f.url}/products`, {
      "accept-encoding": "gzip",
      "if-none-match": '"abc"',
    });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(f.reachedNext()).toBe(2);
  });

  it("keeps nothing that is per visitor, and drops everything when an admin edit says so", async () => {
    let n = 0;
    const f = await front((req, res) => {
      n++;
      if (req.url === "/cart") res.setHeader("Cache-Control", "private, no-store");
      else res.setHeader("Cache-Control", "s-maxage=60");
      if (req.url === "/cookie") res.setHeader("Set-Cookie", "s=1");
      res.end(`answer ${n}`);
    });
    servers.push(f.server);
    registerPageCache(f.cache);
    for (const path of ["/cart", "/cookie"]) {
      await get(f.url + path);
      expect((await get(f.url + path)).headers["x-page-cache"]).toBeUndefined();
    }
    const before = (await get(`${f.url}/products`)).body.toString();
    expect((await get(`${f.url}/products`)).body.toString()).toBe(before);
    dropCachedPages();
    expect((await get(`${f.url}/products`)).body.toString()).not.toBe(before);
  });
});
