// The storefront's process: Next.js behind a small HTTP front of ours. `next start` alone keeps
// whatever X-Forwarded-For a client sends, so the per-address limits would trust the client;
// here the client's address comes from the connection, and from a proxy's headers only as
// far as TRUST_PROXY says (src/http/trust-proxy.ts).
import http from "node:http";
import next from "next";
import { env } from "./env";
import { rewriteListingUrl } from "./http/listing-rewrite";
import { deepPageRedirect } from "./lib/listing";
import {
  pageCacheKey,
  PageCache,
  recordPage,
  registerPageCache,
  sendStoredPage,
} from "./http/page-cache";
import { materializeAbortReasonStacks } from "./http/abort-reason-stacks";
import { recordAsset, sendAsset, StaticAssets, staticAssetPath } from "./http/static-assets";
import { parseTrustProxy, stampConnectionFacts } from "./http/trust-proxy";
import { createLogger } from "@shop/service-kit/logger";

// Before any render: each rendered page otherwise stays in memory (src/http/abort-reason-stacks.ts).
materializeAbortReasonStacks();
const log = createLogger("web", env.LOG_LEVEL);
const trust = parseTrustProxy(env.TRUST_PROXY);
// Production only: `npm run dev -w @shop/web` is plain `next dev`.
const app = next({ dev: false, hostname: env.HOST, port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();
const pages =
  env.PAGE_CACHE_SECONDS > 0
    ? new PageCache(env.PAGE_CACHE_MB * 1024 * 1024, env.PAGE_CACHE_SECONDS * 1000)
    : undefined;
if (pages) registerPageCache(pages);
const assets = new StaticAssets();

const server = http.createServer((req, res) => {
  stampConnectionFacts(req, trust);
  const moved = req.url && deepPageRedirect(req.url);
  if (moved) return void res.writeHead(308, { location: moved }).end();
  // The build's files, compressed once (Brotli too) and answered from memory.
  const asset = staticAssetPath(req);
  if (asset) {
    const stored = assets.get(asset);
    if (stored) return sendAsset(req, res, stored);
    if (req.method === "GET" && assets.claim(asset)) recordAsset(req, res, assets, asset);
  }
  if (req.url) req.url = rewriteListingUrl(req.url);
  // A page Next marked cacheable is answered from the front's copy for a few seconds: no
  // router, no gzip per hit (src/http/page-cache.ts).
  const key = !asset && pages && pageCacheKey(req);
  if (key) {
    const stored = pages.get(key);
    if (stored) return sendStoredPage(req, res, stored);
    recordPage(res, pages, key);
  }
  handle(req, res).catch((err: unknown) => {
    log.error({ err, url: req.url }, "request failed");
    if (!res.headersSent) res.writeHead(500).end();
  });
});
// Longer than a load balancer's idle timeout, so it never reuses a socket we just closed.
server.keepAliveTimeout = 65_000;
server.listen(env.PORT, env.HOST, () =>
  log.info({ url: `http://${env.HOST}:${env.PORT}` }, "web listening"),
);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
