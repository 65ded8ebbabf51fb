import { initTRPC } from "@trpc/server";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createLogger } from "./logger";
import { MAX_BATCH_SIZE, startServiceServer, type ServiceServerOptions } from "./http-server";
import { shopErrorFormatter } from "./trpc-errors";

const t = initTRPC.create({ errorFormatter: shopErrorFormatter });
let release: () => void = () => {};
const router = t.router({
  slow: t.procedure.query(
    () =>
      new Promise<string>((resolve) => {
        release = () => resolve("finished");
      }),
  ),
  echo: t.procedure.input(z.object({ n: z.int() })).query(({ input }) => input.n),
});
const silent = createLogger("test", "silent");

async function start(options: Partial<ServiceServerOptions<typeof router>> = {}) {
  return startServiceServer({
    name: "test-service",
    router,
    createContext: () => ({}),
    host: "127.0.0.1",
    port: 0,
    logger: silent,
    shutdownGraceMs: 5_000,
    ...options,
  });
}

/** A check that never answers, counting how often it was started. */
function hangingCheck() {
  const check = Object.assign(
    () => {
      check.runs += 1;
      return new Promise<never>(() => {});
    },
    { runs: 0 },
  );
  return check;
}

describe("a service's HTTP server", () => {
  it("answers /health and /ready, and 404 elsewhere", async () => {
    const server = await start();
    try {
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect(await (await fetch(`${server.url}/ready`)).json()).toEqual({ status: "ready" });
      expect((await fetch(`${server.url}/elsewhere`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("answers /ready with 200 when every named check passes", async () => {
    const server = await start({
      readiness: { database: async () => [{ "?column?": 1 }], broker: async () => undefined },
    });
    try {
      const res = await fetch(`${server.url}/ready`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ready" });
    } finally {
      await server.close();
    }
  });

  it("answers /ready with 503 naming the check that failed, never its error's text", async () => {
    let databaseUp = false;
    const server = await start({
      readiness: {
        database: async () => {
          if (!databaseUp) throw new Error("connect ECONNREFUSED password=hunter2");
        },
        broker: async () => true,
        cache: async () => false,
      },
    });
    try {
      const res = await fetch(`${server.url}/ready`);
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        status: "not-ready",
        failed: { database: "failed", cache: "failed" },
      });
      expect(text).not.toContain("hunter2");
      databaseUp = true;
      expect(await (await fetch(`${server.url}/ready`)).json()).toEqual({
        status: "not-ready",
        failed: { cache: "failed" },
      });
    } finally {
      await server.close();
    }
  });

  it("answers /ready with 503 when a dependency hangs, naming it, instead of hanging the probe", async () => {
    const broker = hangingCheck();
    let databaseChecks = 0;
    const server = await start({
      readiness: {
        database: async () => {
          databaseChecks += 1;
        },
        broker,
      },
      readyTimeoutMs: 200,
    });
    try {
      // Without the timeout the probe would hang until this client gives up and throws.
      const res = await fetch(`${server.url}/ready`, { signal: AbortSignal.timeout(5_000) });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "not-ready", failed: { broker: "timed out" } });
      // More probes while it still hangs wait on the same check, not on new connections; the
      // check that answers runs again each time.
      const more = await Promise.all([1, 2, 3].map(() => fetch(`${server.url}/ready`)));
      expect(more.map((r) => r.status)).toEqual([503, 503, 503]);
      expect(broker.runs).toBe(1);
      expect(databaseChecks).toBe(4);
    } finally {
      await server.close();
    }
  });

  it("on close, finishes the request in flight, then stops accepting, and only then resolves", async () => {
    const events: string[] = [];
    // A grace period longer than the test's timeout: the close must not wait for it (below).
    const server = await start({ shutdownGraceMs: 60_000 });
    const client = createTRPCClient<typeof router>({
      links: [httpLink({ url: `${server.url}/trpc` })],
    });
    const inFlight = client.slow.query();
    await new Promise((r) => setTimeout(r, 100)); // the request has reached the procedure
    const closed = server.close().then(() => events.push("closed"));
    await new Promise((r) => setTimeout(r, 100));
    await expect(fetch(`${server.url}/health`)).rejects.toThrow(); // no new connections
    expect(events).toEqual([]); // still waiting for the request
    events.push("request answered");
    release();
    expect(await inFlight).toBe("finished"); // answered, not cut off
    await closed;
    // The kept-alive connection of the finished request closed with its answer, so the close did
    // not wait out the grace period.
    expect(events).toEqual(["request answered", "closed"]);
  });

  it(`refuses a batch of more than ${MAX_BATCH_SIZE} calls`, async () => {
    const server = await start();
    try {
      const calls = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => "echo").join(",");
      const input = JSON.stringify(
        Object.fromEntries(Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, n) => [n, { n }])),
      );
      const res = await fetch(
        `${server.url}/trpc/${calls}?batch=1&input=${encodeURIComponent(input)}`,
      );
      expect(res.status).toBe(400);
      const ok = await fetch(
        `${server.url}/trpc/echo,echo?batch=1&input=${encodeURIComponent('{"0":{"n":1},"1":{"n":2}}')}`,
      );
      expect(ok.status).toBe(200);
      const error = await createTRPCClient<typeof router>({
        links: [httpLink({ url: `${server.url}/trpc` })],
      })
        .echo.query({ n: 1.5 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCClientError);
    } finally {
      await server.close();
    }
  });
});
