// The storefront's process: Next.js behind a small HTTP front of ours (src/http/front.ts).
// `next start` alone keeps whatever X-Forwarded-For a client sends, so the per-address limits
// would trust the client; here the client's address comes from the connection, and from a
// proxy's headers only as far as TRUST_PROXY says (src/http/trust-proxy.ts).
import http from "node:http";
import next from "next";
import { createLogger } from "@shop/service-kit/logger";
import { env } from "./env";
import { materializeAbortReasonStacks } from "./http/abort-reason-stacks";
import { frontHandler } from "./http/front";
import { PageCache, registerPageCache } from "./http/page-cache";
import { StaticAssets } from "./http/static-assets";
import { parseTrustProxy } from "./http/trust-proxy";

// Before any render: each rendered page otherwise stays in memory (src/http/abort-reason-stacks.ts).
materializeAbortReasonStacks();
const log = createLogger("web", env.LOG_LEVEL);
// Production only: `npm run dev -w @shop/web` is plain `next dev`.
const app = next({ dev: false, hostname: env.HOST, port: env.PORT });
await app.prepare();
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
});

const server = http.createServer(front);
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
