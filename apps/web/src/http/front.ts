import type http from "node:http";
import type { Logger } from "@shop/service-kit/logger";
import { deepPageRedirect } from "../lib/listing";
import { rewriteListingUrl } from "./listing-rewrite";
import { answerProbe, type ProbeState } from "./probes";
import { pageCacheKey, type PageCache, recordPage, sendStoredPage } from "./page-cache";
import { recordAsset, sendAsset, type StaticAssets, staticAssetPath } from "./static-assets";
import { stampConnectionFacts, type Trust } from "./trust-proxy";

type Handle = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/**
 * The storefront's front: every request passes here before Next.js. The client's address comes
 * from the connection, and from a proxy's headers only as far as TRUST_PROXY says; the build's
 * files are answered from memory (compressed once, Brotli too); a page Next marked cacheable is
 * answered from the front's copy for a few seconds (no router, no gzip per hit). The probes
 * (/health, /ready) are answered first, by the front alone.
 */
export function frontHandler(
  handle: Handle,
  options: {
    trust: Trust;
    assets: StaticAssets;
    pages: PageCache | undefined;
    log: Logger;
    probes: ProbeState;
  },
): http.RequestListener {
  const { trust, assets, pages, log, probes } = options;
  return (req, res) => {
    if (answerProbe(req, res, probes)) return;
    stampConnectionFacts(req, trust);
    const moved = req.url && deepPageRedirect(req.url);
    if (moved) return void res.writeHead(308, { location: moved }).end();
    const asset = staticAssetPath(req);
    const storedAsset = asset && assets.get(asset);
    if (storedAsset) return sendAsset(req, res, storedAsset);
    // Next answers nothing before prepare() ends (it throws, for every path): say "soon" instead,
    // before anything would record the answer as an asset or a page.
    if (!probes.prepared) return void starting(res);
    if (asset && req.method === "GET" && assets.claim(asset)) recordAsset(req, res, assets, asset);
    if (req.url) req.url = rewriteListingUrl(req.url);
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
  };
}

function starting(res: http.ServerResponse) {
  res
    .writeHead(503, {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      "retry-after": "1",
    })
    .end("The shop is starting; try again in a moment.");
}
