import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { databaseCheck, readinessProbe } from "./readiness";

const logger = createLogger("test", "silent");

describe("readinessProbe", () => {
  it("is ready with no checks, and names each check that fails, times out or says false", async () => {
    expect(await readinessProbe({}, { timeoutMs: 100, logger })()).toEqual({
      ready: true,
      failed: {},
    });
    const probe = readinessProbe(
      {
        database: async () => undefined,
        broker: () => new Promise(() => {}),
        cache: async () => false,
        search: async () => {
          throw new Error("down");
        },
      },
      { timeoutMs: 50, logger },
    );
    expect(await probe()).toEqual({
      ready: false,
      failed: { broker: "timed out", cache: "failed", search: "failed" },
    });
  });

  it("runs a check again once its previous run has settled", async () => {
    let runs = 0;
    const probe = readinessProbe(
      {
        database: async () => {
          runs += 1;
          if (runs === 1) throw new Error("not yet");
        },
      },
      { timeoutMs: 100, logger },
    );
    expect((await probe()).ready).toBe(false);
    expect((await probe()).ready).toBe(true);
    expect(runs).toBe(2);
  });
});

describe("databaseCheck", () => {
  it("asks the database for SELECT 1 and passes on its failure", async () => {
    const asked: string[] = [];
    const up = databaseCheck({
      $queryRawUnsafe: async (query) => {
        asked.push(query);
        return [{ "?column?": 1 }];
      },
    });
    await expect(up()).resolves.toBeUndefined();
    expect(asked).toEqual(["SELECT 1"]);
    const down = databaseCheck({
      $queryRawUnsafe: () => Promise.reject(new Error("ECONNREFUSED")),
    });
    await expect(down()).rejects.toThrow("ECONNREFUSED");
  });
});
