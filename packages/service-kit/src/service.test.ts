import { initTRPC } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { DEV_INTERNAL_AUTH_PUBLIC_KEY, ed25519KeyFromEnv } from "./env";
import { createLogger } from "./logger";
import { startService, type ServicePart } from "./service";

const t = initTRPC.create();
const router = t.router({ ping: t.procedure.query(() => "pong") });
const config = {
  LOG_LEVEL: "silent",
  HOST: "127.0.0.1",
  PORT: 0,
  DATABASE_URL: "postgresql://unused",
  DATABASE_POOL_SIZE: 1,
  INTERNAL_AUTH_PUBLIC_KEY: ed25519KeyFromEnv("public").parse(DEV_INTERNAL_AUTH_PUBLIC_KEY),
};

/** A service whose database and parts only record what happens to them. */
function recordingService(parts: ServicePart<unknown, unknown>[], events: string[]) {
  return {
    name: "payment-service" as const,
    config,
    log: createLogger("test", "silent"),
    database: () => ({
      $queryRawUnsafe: async () => {
        events.push("database checked");
        return [];
      },
      $disconnect: async () => void events.push("database closed"),
    }),
    deps: () => ({}),
    api: { router, createContext: () => () => ({}) },
    parts,
  };
}

const part = (name: string, events: string[]): ServicePart<unknown, unknown> => ({
  name,
  start: (ctx) => {
    events.push(`${name} started`);
    ctx.resource(`${name}'s connection`, () => void events.push(`${name}'s connection closed`));
    return { stop: async () => void events.push(`${name} stopped`) };
  },
});

describe("startService", () => {
  it("starts the parts in order, the HTTP server last, and stops them newest first", async () => {
    const events: string[] = [];
    const service = await startService(
      recordingService([part("consumers", events), part("jobs", events)], events),
    );
    const ready = await fetch(`${service.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await (await fetch(`${service.url}/health`)).json()).toMatchObject({
      service: "payment-service",
    });
    events.length = 0;
    await service.stop();
    expect(events).toEqual([
      "jobs stopped",
      "jobs's connection closed",
      "consumers stopped",
      "consumers's connection closed",
      "database closed",
    ]);
    await expect(fetch(`${service.url}/health`)).rejects.toThrow();
  });

  it("adds a part's readiness check to /ready", async () => {
    const events: string[] = [];
    let brokerUp = false;
    const service = await startService(
      recordingService(
        [{ name: "broker", start: (ctx) => ctx.readiness("broker", async () => brokerUp) }],
        events,
      ),
    );
    try {
      const down = await fetch(`${service.url}/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ failed: { broker: "failed" } });
      brokerUp = true;
      expect((await fetch(`${service.url}/ready`)).status).toBe(200);
    } finally {
      await service.stop();
    }
  });

  it("stops what had started when a part fails to start, and passes the failure on", async () => {
    const events: string[] = [];
    const failing: ServicePart<unknown, unknown> = {
      name: "demo accounts",
      start: () => {
        throw new Error("a demo account still has its published password");
      },
    };
    await expect(
      startService(recordingService([part("consumers", events), failing], events)),
    ).rejects.toThrow("published password");
    expect(events).toEqual([
      "consumers started",
      "consumers stopped",
      "consumers's connection closed",
      "database closed",
    ]);
  });

  it("keeps stopping when a step fails, and rejects once every step ran", async () => {
    const events: string[] = [];
    const broken: ServicePart<unknown, unknown> = {
      name: "jobs",
      start: () => ({
        stop: async () => {
          throw new Error("job did not stop");
        },
      }),
    };
    const service = await startService(
      recordingService([part("consumers", events), broken], events),
    );
    events.length = 0;
    await expect(service.stop()).rejects.toThrow(AggregateError);
    expect(events).toEqual([
      "consumers stopped",
      "consumers's connection closed",
      "database closed",
    ]);
    // A second stop answers the first one's outcome; nothing runs twice.
    await expect(service.stop()).rejects.toThrow(AggregateError);
    expect(events).toHaveLength(3);
  });
});
