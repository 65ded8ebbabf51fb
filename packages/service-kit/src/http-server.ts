import http from "node:http";
import type { AddressInfo } from "node:net";
import type { AnyRouter, inferRouterContext } from "@trpc/server";
import { createHTTPHandler, type CreateHTTPContextOptions } from "@trpc/server/adapters/standalone";
import type { Logger } from "pino";
import { readinessProbe, type ReadinessCheck } from "./readiness";
import { LIVENESS_PATH, READINESS_PATH } from "./probes";

export interface ServiceServerOptions<TRouter extends AnyRouter> {
  name: string;
  router: TRouter;
  /** Each request's context, of the router's own context type (createServiceTRPC's factory). */
  createContext: (
    opts: CreateHTTPContextOptions,
  ) => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;
  host: string;
  port: number;
  logger: Logger;
  /**
   * What /ready checks, by name: `{ database: databaseCheck(db), broker: ... }`. It answers 200
   * when every check passes, else 503 naming the ones that failed or timed out. None: ready.
   */
  readiness?: Record<string, ReadinessCheck>;
  /** A check taking longer than this counts as failed (a hung database). */
  readyTimeoutMs?: number;
  /** How long in-flight requests get to finish on close before their connections are cut. */
  shutdownGraceMs?: number;
}

export interface ServiceServer {
  url: string;
  close: () => Promise<void>;
}

const TRPC_BASE = "/trpc/";
/** One request carries at most this many calls, and at most this many bytes of input. */
export const MAX_BATCH_SIZE = 10;
const MAX_BODY_BYTES = 1_000_000;
/** Shorter than a probe's usual timeout, so the probe gets an answer rather than a hang. */
const READY_TIMEOUT_MS = 2_000;

/**
 * A service's HTTP face: tRPC under /trpc, liveness at /health, readiness at /ready.
 * close() stops accepting connections and resolves once the requests in flight have finished:
 * register it as a worker of the process's shutdown (./shutdown.ts), which then closes the
 * resources.
 */
export async function startServiceServer<TRouter extends AnyRouter>(
  opts: ServiceServerOptions<TRouter>,
): Promise<ServiceServer> {
  const { logger } = opts;
  let closing = false;
  const ready = readinessProbe(opts.readiness ?? {}, {
    timeoutMs: opts.readyTimeoutMs ?? READY_TIMEOUT_MS,
    logger,
  });
  /** Responses not yet sent: on close they are sent with `connection: close`. */
  const inFlight = new Set<http.ServerResponse>();
  const trpc = createHTTPHandler({
    router: opts.router,
    createContext: opts.createContext,
    basePath: TRPC_BASE,
    maxBatchSize: MAX_BATCH_SIZE,
    maxBodySize: MAX_BODY_BYTES,
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        logger.error({ err: error.cause ?? error, path }, "procedure failed");
    },
  });

  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (url === LIVENESS_PATH) return json(res, 200, { status: "ok", service: opts.name });
    if (url === READINESS_PATH) {
      if (closing) return json(res, 503, { status: "shutting-down" });
      ready().then(
        (report) =>
          report.ready
            ? json(res, 200, { status: "ready" })
            : json(res, 503, { status: "not-ready", failed: report.failed }),
        () => json(res, 503, { status: "not-ready" }),
      );
      return;
    }
    if (url.startsWith(TRPC_BASE)) {
      if (closing) res.setHeader("connection", "close");
      inFlight.add(res);
      res.once("close", () => inFlight.delete(res));
      return trpc(req, res);
    }
    json(res, 404, { error: "Not found" });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host}:${port}`;
  logger.info({ url }, `${opts.name} listening`);

  const close = async () => {
    if (closing) return;
    closing = true;
    const grace = opts.shutdownGraceMs ?? 10_000;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // A kept-alive connection whose request is in flight closes once its answer is sent,
    // instead of holding the close until the grace period is up.
    for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
    const timer = setTimeout(() => {
      logger.warn("in-flight requests did not finish in time; closing their connections");
      server.closeAllConnections();
    }, grace);
    await closed;
    clearTimeout(timer);
    logger.info(`${opts.name} stopped`);
  };

  return { url, close };
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
