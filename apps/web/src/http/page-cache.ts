import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { headersToKeep, recordResponse } from "./record-response";
import { CLIENT_PROTO_HEADER } from "./trust-proxy";

/*
 * The front's short cache of whole pages. Next answers a cached (ISR) page from its own cache,
 * but it still runs its router and gzips the page again on every hit: under load the gzip of
 * 40-56 KB of HTML was most of the storefront's CPU, and a cached listing served ~650 pages/s
 * (README, "Catalog pages are cached"). Here the front keeps the exact bytes Next sent for a page
 * it marked shared-cacheable (`s-maxage`, as a CDN in front would read it) for a few seconds, and
 * answers repeats itself. Next still decides what is cacheable and when a page is stale: after
 * `maxAgeMs` the next request goes to Next again (which may answer stale and re-render, as ISR
 * does); an admin edit drops everything at once (dropCachedPages, called beside revalidatePath).
 */

/** A response as Next sent it: status, headers (less the per-connection ones) and body bytes. */
export interface StoredPage {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  etag: string | undefined;
  storedAt: number;
  expiresAt: number;
  /** Set while one request is asking Next again for an expired page (the others get this copy). */
  refilling?: boolean;
}

/** A header of Next's the front does not send again (its cache, not Next's, answers). */
const NOT_STORED = ["x-nextjs-cache"];

/** One page larger than this is not kept (a listing is ~8 KB gzip, ~56 KB without). */
const MAX_PAGE_BYTES = 1024 * 1024;

/**
 * Pages by key, least recently used first, bounded by total body bytes. A page past its
 * `expiresAt` may still be served for `maxAgeMs` more while a single request refills it, so an
 * expiry under load sends one request to Next instead of every connection's.
 */
export class PageCache {
  readonly #pages = new Map<string, StoredPage>();
  #bytes = 0;
  #generation = 0;
  #sweptAt = 0;

  constructor(
    readonly maxBytes: number,
    readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Changes on every clear(): a fill that began before it must not store what it got. */
  get generation(): number {
    return this.#generation;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** A page to answer with, or undefined: then the caller asks Next (and may fill the cache). */
  get(key: string): StoredPage | undefined {
    const page = this.#pages.get(key);
    if (!page) return undefined;
    const now = this.now();
    if (now >= page.expiresAt + this.maxAgeMs) {
      this.#delete(key, page);
      return undefined;
    }
    if (now >= page.expiresAt) {
      if (page.refilling) return page;
      page.refilling = true;
      return undefined;
    }
    // Least recently used first: a hit moves the page to the end.
    this.#pages.delete(key);
    this.#pages.set(key, page);
    return page;
  }

  set(key: string, page: StoredPage, generation: number): void {
    if (generation !== this.#generation || page.body.length > MAX_PAGE_BYTES) return;
    const old = this.#pages.get(key);
    if (old) this.#delete(key, old);
    this.#pages.set(key, page);
    this.#bytes += page.body.length;
    this.#dropExpired();
    for (const [oldest, p] of this.#pages) {
      if (this.#bytes <= this.maxBytes) break;
      this.#delete(oldest, p);
    }
  }

  clear(): void {
    this.#pages.clear();
    this.#bytes = 0;
    this.#generation++;
  }

  /*
   * A page nobody asks for again (a search typed once) would otherwise stay until the byte budget
   * pushed it out: under a load of new searches the budget filled with dead pages, tens of MB the
   * process held after the load. Once per maxAge, every page past its refill window goes.
   */
  #dropExpired() {
    const now = this.now();
    if (now - this.#sweptAt < this.maxAgeMs) return;
    this.#sweptAt = now;
    for (const [key, page] of this.#pages)
      if (now >= page.expiresAt + this.maxAgeMs) this.#delete(key, page);
  }

  #delete(key: string, page: StoredPage) {
    this.#pages.delete(key);
    this.#bytes -= page.body.length;
  }
}

/** Request headers that make Next answer something other than the page's document. */
const OTHER_ANSWER = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-action",
  "range",
  "authorization",
];

/**
 * The key of a request the cache may answer, or undefined. Only a plain GET of a document: what
 * Next's answer varies by (its Vary header: the router's headers, Accept-Encoding), and the
 * protocol the front determined (HSTS is sent on https only), are in the key or excluded.
 */
export function pageCacheKey(req: IncomingMessage): string | undefined {
  if (req.method !== "GET" || !req.url) return undefined;
  if (OTHER_ANSWER.some((h) => req.headers[h] !== undefined)) return undefined;
  const encoding = String(req.headers["accept-encoding"] ?? "")
    .toLowerCase()
    .replace(/\s+/g, "");
  return `${String(req.headers[CLIENT_PROTO_HEADER])} ${encoding} ${req.url}`;
}

/**
 * How long a response may be kept: only a 200 that sets no cookie, and that a shared cache may
 * keep: `CDN-Cache-Control: max-age` when Next's answer has it (RFC 9213: it comes first, for a
 * page rendered per request whose Cache-Control Next sets to no-store), else
 * `Cache-Control: s-maxage` (an ISR page), not private/no-store/no-cache; at most `maxAgeMs`.
 */
export function storableFor(
  status: number,
  headers: OutgoingHttpHeaders,
  maxAgeMs: number,
): number | undefined {
  if (status !== 200 || headers["set-cookie"] !== undefined) return undefined;
  const cdn = headers["cdn-cache-control"];
  const directives = String(cdn ?? headers["cache-control"] ?? "").toLowerCase();
  if (/(^|[\s,])(private|no-store|no-cache)\b/.test(directives)) return undefined;
  const age = (cdn === undefined ? /(?:^|[\s,])s-maxage=(\d+)/ : /(?:^|[\s,])max-age=(\d+)/).exec(
    directives,
  );
  if (!age) return undefined;
  const ms = Math.min(Number(age[1]) * 1000, maxAgeMs);
  return ms > 0 ? ms : undefined;
}

/** Answers from the cache: the stored response, or 304 when the browser already has it. */
export function sendStoredPage(
  req: IncomingMessage,
  res: ServerResponse,
  page: StoredPage,
  now = Date.now(),
): void {
  const age = String(Math.max(0, Math.floor((now - page.storedAt) / 1000)));
  const inm = req.headers["if-none-match"];
  if (page.etag && inm && inm.split(",").some((t) => t.trim().replace(/^W\//, "") === page.etag)) {
    const { "content-type": _type, "content-encoding": _encoding, ...rest } = page.headers;
    res.writeHead(304, { ...rest, age });
    res.end();
    return;
  }
  res.writeHead(page.status, {
    ...page.headers,
    "content-length": page.body.length,
    age,
    "x-page-cache": "hit",
  });
  res.end(page.body);
}

/**
 * Records what Next sends for `key` and stores it when the response turns out storable (the
 * bytes as sent: Next's own compression runs inside the recorder).
 */
export function recordPage(res: ServerResponse, cache: PageCache, key: string): void {
  const generation = cache.generation;
  recordResponse(res, MAX_PAGE_BYTES, ({ status, headers: all, body }) => {
    const ms = storableFor(status, all, cache.maxAgeMs);
    if (ms === undefined) return;
    const headers = headersToKeep(all, NOT_STORED);
    const now = Date.now();
    cache.set(
      key,
      {
        status,
        headers,
        body,
        etag: typeof all.etag === "string" ? all.etag : undefined,
        storedAt: now,
        expiresAt: now + ms,
      },
      generation,
    );
  });
}

/*
 * The admin's writes run in Next's server bundle, the cache lives in src/main.ts's: two copies of
 * this module in one process. They meet through a global registry.
 */
const REGISTRY = Symbol.for("@shop/web:page-cache");
type Registry = { [REGISTRY]?: PageCache };

/** Makes `cache` the one dropCachedPages() clears (src/main.ts, at start). */
export function registerPageCache(cache: PageCache): void {
  (globalThis as Registry)[REGISTRY] = cache;
}

/** Drops every page the front keeps: called with revalidatePath after an admin's write. */
export function dropCachedPages(): void {
  (globalThis as Registry)[REGISTRY]?.clear();
}
