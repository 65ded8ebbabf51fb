import { describe, expect, it, vi } from "vitest";
import { createLogger } from "./logger";
import { createShutdown } from "./shutdown";

const silent = createLogger("test", "silent");

/** A promise and the function that settles it. */
function later() {
  let settle: () => void = () => {};
  const promise = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return { promise, settle };
}

describe("createShutdown: stop taking work, drain, then close in reverse order of opening", () => {
  it("stops every worker at once, waits for all to drain, then closes resources newest first", async () => {
    const events: string[] = [];
    const shutdown = createShutdown(silent);
    const db = shutdown.resource("database", { name: "pool" }, async (r) => {
      events.push(`close ${r.name}`);
    });
    expect(db).toEqual({ name: "pool" }); // handed back, to be used in place
    shutdown.resource("broker", "connection", () => {
      events.push("close broker");
    });
    const http = later();
    const consumer = later();
    shutdown.worker("http server", async () => {
      events.push("stop http");
      await http.promise;
      events.push("http drained");
    });
    shutdown.worker("consumer", async () => {
      events.push("stop consumer");
      await consumer.promise;
      events.push("consumer drained");
    });

    const closed = shutdown.close();
    await new Promise((r) => setTimeout(r, 10));
    // Both were told to stop at once; nothing is closed while work is in flight.
    expect(events).toEqual(["stop http", "stop consumer"]);
    consumer.settle();
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual(["stop http", "stop consumer", "consumer drained"]);
    http.settle();
    await closed;
    expect(events).toEqual([
      "stop http",
      "stop consumer",
      "consumer drained",
      "http drained",
      "close broker", // opened last, closed first
      "close pool",
    ]);
  });

  it("stops workers by their stop() or close(), and closes resources by their own close", async () => {
    const events: string[] = [];
    const shutdown = createShutdown(silent);
    const prisma = shutdown.resource("database", {
      $disconnect: async () => events.push("$disconnect"),
    });
    shutdown.resource("connection", { close: async () => events.push("close") });
    shutdown.resource("pool", { end: async () => events.push("end") });
    const job = shutdown.worker("cleanup", { stop: async () => events.push("job stopped") });
    shutdown.worker("http server", { close: async () => events.push("server closed") });
    shutdown.worker("relay", async () => {
      events.push("relay stopped");
    });
    expect(typeof prisma.$disconnect).toBe("function");
    expect(typeof job.stop).toBe("function");
    await shutdown.close();
    expect(events).toEqual([
      "job stopped",
      "server closed",
      "relay stopped",
      "end",
      "close",
      "$disconnect",
    ]);
  });

  it("runs once however often it is called", async () => {
    const shutdown = createShutdown(silent);
    const close = vi.fn();
    shutdown.resource("database", {}, close);
    const first = shutdown.close();
    expect(shutdown.close()).toBe(first);
    await first;
    await shutdown.close();
    expect(close).toHaveBeenCalledOnce();
  });

  it("goes on past a failing step, logs it, and rejects at the end", async () => {
    const logger = createLogger("test", "silent");
    const logged = vi.spyOn(logger, "error");
    const shutdown = createShutdown(logger);
    const closedDb = vi.fn();
    shutdown.resource("database", {}, closedDb);
    shutdown.resource("broker", {}, () => {
      throw new Error("broker gone");
    });
    shutdown.worker("consumer", async () => {
      throw new Error("channel closed");
    });
    const stoppedHttp = vi.fn(async () => {});
    shutdown.worker("http server", stoppedHttp);
    await expect(shutdown.close()).rejects.toThrow(AggregateError);
    expect(stoppedHttp).toHaveBeenCalledOnce();
    expect(closedDb).toHaveBeenCalledOnce();
    expect(logged).toHaveBeenCalledTimes(2);
  });

  it("refuses what is registered once the shutdown has begun", async () => {
    const shutdown = createShutdown(silent);
    await shutdown.close();
    expect(() => shutdown.worker("late", async () => {})).toThrow(/while shutting down/);
    expect(() => shutdown.resource("late", {}, () => {})).toThrow(/while shutting down/);
  });
});
