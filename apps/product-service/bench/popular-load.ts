/* eslint-disable no-restricted-properties -- a command-line tool: its environment is its interface */
// Step 3 of bench/popular.ts: the service in a process of its own, and the load sent to it.
import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import type { testCredentials } from "@shop/service-kit/test-fixtures";
import { POOL, REQUEST_TIMEOUT_MS, salesWindow, url } from "./popular-settings";

type Credentials = ReturnType<typeof testCredentials>;

/**
 * The service's HTTP server in a child process (bench/serve.ts) that trusts `bff`'s key: the
 * child at once (so that a signal can end it while it starts), and its URL once it serves.
 */
export function startServer(bff: Credentials): { child: ChildProcess; url: Promise<string> } {
  const child = fork(fileURLToPath(new URL("./serve.ts", import.meta.url)), {
    // Where the service's CPU goes: BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
    execArgv: [
      "--import",
      "tsx",
      ...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
    ],
    env: {
      ...process.env,
      BENCH_DATABASE_URL: url,
      BENCH_POOL: String(POOL),
      POPULAR_WINDOW_DAYS: String(salesWindow.days),
      SHOP_TIME_ZONE: salesWindow.timeZone,
      BENCH_PUBLIC_KEY: bff.publicKey.export({ type: "spki", format: "pem" }).toString(),
    },
  });
  const served = new Promise<string>((resolve, reject) => {
    child.once("message", (m: { url: string }) => resolve(m.url));
    child.once("exit", (code) => reject(new Error(`bench/serve.ts exited (${code})`)));
  });
  return { child, url: served };
}

export interface Answer {
  status: number;
  body: string;
}

export interface LoadResult {
  sent: number;
  ok: number;
  errors: number;
  seconds: number;
  /** ms from each request's scheduled time to the end of its answer, sorted. */
  latencies: Float64Array;
  /** ms from each request's scheduled time to when it was sent (the scheduler's own delay). */
  sendLag: Float64Array;
}

/** products.popular requested as the BFF `bff` would, over `agent`'s keep-alive sockets. */
export function popularRequests(bff: Credentials, agent: http.Agent) {
  /** GET products.popular as the BFF's batch link sends it, as a visitor; rejects on a timeout. */
  async function popularOverHttp(server: string, parse: boolean): Promise<Answer> {
    const authorization = await bff.bearer({ role: "visitor" }, "product-service");
    return new Promise((resolve, reject) => {
      const req = http.get(
        `${server}/trpc/products.popular?batch=1&input=${encodeURIComponent('{"0":{"limit":5}}')}`,
        { agent, headers: { authorization } },
        (res) => {
          let body = "";
          if (parse) res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
          else res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
          res.on("error", reject);
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error("timeout")));
      req.on("error", reject);
    });
  }

  /** Open loop: `rate` requests a second for `seconds`, each sent on schedule. */
  async function openLoop(server: string, rate: number, seconds: number): Promise<LoadResult> {
    const total = Math.round(rate * seconds);
    const latencies = new Float64Array(total).fill(Infinity);
    const sendLag = new Float64Array(total);
    const inFlight: Promise<void>[] = [];
    let ok = 0;
    let errors = 0;
    let lastEnd = 0;
    const start = performance.now();
    for (let sent = 0; sent < total;) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1e3) * rate) + 1);
      for (; sent < due; sent++) {
        const i = sent;
        const at = start + (i * 1e3) / rate;
        sendLag[i] = performance.now() - at;
        inFlight.push(
          popularOverHttp(server, false).then(
            (answer) => {
              lastEnd = performance.now();
              if (answer.status !== 200) return void (errors += 1);
              ok += 1;
              latencies[i] = lastEnd - at;
            },
            () => void (errors += 1),
          ),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(inFlight);
    // Failed requests stay at Infinity: they sort last and count against the percentiles.
    return {
      sent: total,
      ok,
      errors,
      seconds: (lastEnd - start) / 1e3,
      latencies: latencies.sort(),
      sendLag: sendLag.sort(),
    };
  }

  return { popularOverHttp, openLoop };
}
