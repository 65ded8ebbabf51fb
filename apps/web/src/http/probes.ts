import type { IncomingMessage, ServerResponse } from "node:http";
import { LIVENESS_PATH, READINESS_PATH } from "@shop/service-kit/probes";

/**
 * What the orchestrator asks the storefront's process (src/main.ts sets it): `prepared` once
 * Next has loaded the build, `draining` from SIGTERM on, so no new traffic is sent while the
 * requests in flight finish.
 */
export interface ProbeState {
  prepared: boolean;
  draining: boolean;
}

const answer = (res: ServerResponse, status: number, body: object) =>
  void res
    .writeHead(status, { "content-type": "application/json", "cache-control": "no-store" })
    .end(JSON.stringify(body));

/**
 * Answers the liveness and readiness probes (the paths every process of the shop uses) before
 * anything else in the front sees the request: never cached, never passed to Next. True when
 * it answered. Liveness is 200 while the process runs; readiness 200 only once prepared and
 * not draining, else 503.
 */
export function answerProbe(req: IncomingMessage, res: ServerResponse, state: ProbeState): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const path = req.url?.split("?", 1)[0];
  if (path === LIVENESS_PATH) answer(res, 200, { status: "ok", service: "web" });
  else if (path === READINESS_PATH) {
    if (state.draining) answer(res, 503, { status: "shutting-down" });
    else if (!state.prepared) answer(res, 503, { status: "not-ready" });
    else answer(res, 200, { status: "ready" });
  } else return false;
  return true;
}
