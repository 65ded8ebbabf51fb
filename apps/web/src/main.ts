// The storefront's process: Next.js behind a small HTTP front of ours (src/http/front.ts).
// `next start` alone keeps whatever X-Forwarded-For a client sends, so the per-address limits
// would trust the client; here the client's address comes from the connection, and from a
// proxy's headers only as far as TRUST_PROXY says (src/http/trust-proxy.ts).
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { createLogger } from "@shop/service-kit/logger";
import { env } from "./env";
import { materializeAbortReasonStacks } from "./http/abort-reason-stacks";
import { frontHandler } from "./http/front";
import { PageCache, registerPageCache } from "./http/page-cache";
import type { ProbeState } from "./http/probes";
import { StaticAssets } from "./http/static-assets";
import { parseTrustProxy } from "./http/trust-proxy";

// Before any render: each rendered page otherwise stays in memory (src/http/abort-reason-stacks.ts).
materializeAbortReasonStacks();
const log = createLogger("web", env.LOG_LEVEL);
const probes: ProbeState = { prepared: false, draining: false };

/*
 * Production only: `npm run dev -w @shop/web` is plain `next dev`. The app's folder is the one
 * above dist/ (apps/web here, /app/apps/web in the image, where .next/standalone put it). Next's
 * config comes from the build, as in Next's own standalone server.js: the image has no
 * next.config.ts (nor the compiler to read it), and `npm start` takes the same path.
 */
const dir = fileURLToPath(new URL("..", import.meta.url));
const conf = JSON.parse(
  readFileSync(path.join(dir, env.NEXT_DIST_DIR, "required-server-files.json"), "utf8"),
).config;
// eslint-disable-next-line no-restricted-properties -- Next's own hand-off of a built config (not ours to read)
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(conf);
const app = next({ dev: false, dir, conf, hostname: env.HOST, port: env.PORT });
const pages =
  env.PAGE_CACHE_SECONDS > 0
    ? new PageCache(env.PAGE_CACHE_MB * 1024 * 1024, env.PAGE_CACHE_SECONDS * 1000)
    : undefined;
if (pages) registerPageCache(pages);
const handle = app.getRequestHandler();
const front = frontHandler(handle, {
  trust: parseTrustProxy(env.TRUST_PROXY),
  assets: new StaticAssets(),
  pages,
  log,
  probes,
});

const server = http.createServer(front);
// Longer than a load balancer's idle timeout, so it never reuses a socket we just closed.
server.keepAliveTimeout = 65_000;
// Listening before Next is prepared: /health answers at once, /ready once it is.
server.listen(env.PORT, env.HOST, () =>
  log.info({ url: `http://${env.HOST}:${env.PORT}` }, "web listening"),
);
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    probes.draining = true;
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}

await app.prepare();
probes.prepared = true;
