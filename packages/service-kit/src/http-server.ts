import http from "node:http";
import type { AddressInfo } from "node:net";
import type { AnyRouter } from "@trpc/server";
import { createHTTPHandler, type CreateHTTPContextOptions } from "@trpc/server/adapters/standalone";
import type { Logger } from "pino";

export interface ServiceServerOptions<TRouter extends AnyRouter> {
  name: string;
  router: TRouter;
  createContext: (opts: CreateHTTPContextOptions) => object | Promise<object>;
  host: string;
  port: number;
  logger: Logger;
  /** Whether the dependencies answer (database, broker); drives /ready. */
  isReady: () => Promise<boolean>;
  /** /ready answers 503 when isReady takes longer than this (a hung database). */
  readyTimeoutMs?: number;
  /** Closes what the process opened (DB pools...), after in-flight requests finished. */
  onClose?: () => Promise<void>;
  /** How long in-flight requests get to finish on shutdown before the process gives up. */
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
 * close() stops accepting connections, lets in-flight requests finish, then runs onClose.
 */
export async function startServiceServer<TRouter extends AnyRouter>(
  opts: ServiceServerOptions<TRouter>,
): Promise<ServiceServer> {
  const { logger } = opts;
  let closing = false;
  // One check at a time: while the database hangs, every probe waits (up to the timeout) on
  // the same pending check instead of opening another query.
  let pending: Promise<boolean> | undefined;
  const ready = () => {
    pending ??= opts
      .isReady()
      .catch(() => false)
      .finally(() => {
        pending = undefined;
      });
    return withTimeout(pending, opts.readyTimeoutMs ?? READY_TIMEOUT_MS);
  };
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
    if (url === "/health") return json(res, 200, { status: "ok", service: opts.name });
    if (url === "/ready") {
      if (closing) return json(res, 503, { status: "shutting-down" });
      ready().then(
        (ok) => json(res, ok ? 200 : 503, { status: ok ? "ready" : "not-ready" }),
        () => json(res, 503, { status: "not-ready" }),
      );
      return;
    }
    if (url.startsWith(TRPC_BASE)) {
      if (closing) res.setHeader("connection", "close");
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
    const timer = setTimeout(() => {
      logger.warn("in-flight requests did not finish in time; closing their connections");
      server.closeAllConnections();
    }, grace);
    await closed;
    clearTimeout(timer);
    await opts.onClose?.();
    logger.info(`${opts.name} stopped`);
  };

  return { url, close };
}

/** Resolves false when `check` takes longer than `ms`, so a probe never hangs on it. */
function withTimeout(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([check, late]).finally(() => clearTimeout(timer));
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** Runs `close` once on SIGTERM/SIGINT, then exits; a second signal exits at once. */
export function closeOnSignals(close: () => Promise<void>, logger: Logger) {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, "shutting down");
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
