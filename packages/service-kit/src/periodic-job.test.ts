import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "./logger";
import { startPeriodicJob } from "./periodic-job";

const EVERY = 1_000;

/** A job whose runs the test finishes by hand, recording how many run at once. */
function manualJob() {
  const job = {
    started: 0,
    running: 0,
    mostAtOnce: 0,
    finish: [] as ((failure?: Error) => void)[],
    run: () =>
      new Promise<void>((resolve, reject) => {
        job.started += 1;
        job.running += 1;
        job.mostAtOnce = Math.max(job.mostAtOnce, job.running);
        job.finish.push((failure) => {
          job.running -= 1;
          if (failure) reject(failure);
          else resolve();
        });
      }),
  };
  return job;
}

describe("startPeriodicJob", () => {
  const log = createLogger("test", "silent");
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs every interval, first one interval after the start", async () => {
    const job = manualJob();
    const periodic = startPeriodicJob({
      name: "cleanup",
      everyMs: EVERY,
      run: job.run,
      logger: log,
    });
    await vi.advanceTimersByTimeAsync(EVERY - 1);
    expect(job.started).toBe(0);
    for (let n = 1; n <= 3; n++) {
      await vi.advanceTimersByTimeAsync(EVERY);
      expect(job.started).toBe(n);
      job.finish[n - 1]!();
    }
    await periodic.stop();
  });

  it("with firstRunMs 0 runs at once, then every interval after each run", async () => {
    const job = manualJob();
    const periodic = startPeriodicJob({
      name: "resume",
      everyMs: EVERY,
      firstRunMs: 0,
      run: job.run,
      logger: log,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(job.started).toBe(1);
    job.finish[0]!();
    await vi.advanceTimersByTimeAsync(EVERY - 1);
    expect(job.started).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(job.started).toBe(2);
    job.finish[1]!();
    await periodic.stop();
  });

  it("stop() aborts the signal of the run in flight, so a run that waits can end", async () => {
    let aborted = false;
    const periodic = startPeriodicJob({
      name: "waiting",
      everyMs: EVERY,
      firstRunMs: 0,
      run: (signal) =>
        new Promise<void>((resolve) =>
          signal.addEventListener("abort", () => {
            aborted = true;
            resolve();
          }),
        ),
      logger: log,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(aborted).toBe(false);
    await periodic.stop();
    expect(aborted).toBe(true);
  });

  it("never overlaps: a slow run delays the next until it has finished", async () => {
    const job = manualJob();
    const periodic = startPeriodicJob({
      name: "cleanup",
      everyMs: EVERY,
      run: job.run,
      logger: log,
    });
    await vi.advanceTimersByTimeAsync(EVERY);
    expect(job.started).toBe(1);
    await vi.advanceTimersByTimeAsync(10 * EVERY); // the first run takes ten intervals
    expect(job.started).toBe(1);
    job.finish[0]!();
    await vi.advanceTimersByTimeAsync(EVERY);
    expect(job.started).toBe(2);
    expect(job.mostAtOnce).toBe(1);
    job.finish[1]!();
    await periodic.stop();
  });

  it("logs a failed run and goes on", async () => {
    const logger = createLogger("test", "silent");
    const warned = vi.spyOn(logger, "warn");
    const job = manualJob();
    const periodic = startPeriodicJob({ name: "cleanup", everyMs: EVERY, run: job.run, logger });
    await vi.advanceTimersByTimeAsync(EVERY);
    job.finish[0]!(new Error("database down"));
    await vi.advanceTimersByTimeAsync(0);
    expect(warned).toHaveBeenCalledOnce();
    expect(warned.mock.calls[0]?.[1]).toBe("cleanup failed; will retry");
    await vi.advanceTimersByTimeAsync(EVERY);
    expect(job.started).toBe(2);
    job.finish[1]!();
    await periodic.stop();
  });

  it("takes a run that throws at once as a failed run", async () => {
    const logger = createLogger("test", "silent");
    const warned = vi.spyOn(logger, "warn");
    let started = 0;
    const periodic = startPeriodicJob({
      name: "cleanup",
      everyMs: EVERY,
      run: () => {
        started += 1;
        throw new Error("synchronous");
      },
      logger,
    });
    await vi.advanceTimersByTimeAsync(EVERY);
    expect(started).toBe(1);
    expect(warned).toHaveBeenCalledOnce();
    expect(warned.mock.calls[0]?.[1]).toBe("cleanup failed; will retry");
    expect(warned.mock.calls[0]?.[0]).toMatchObject({
      job: "cleanup",
      err: expect.objectContaining({ message: "synchronous" }),
    });
    // A throw that escaped the timer callback would end the schedule: the job must go on.
    await vi.advanceTimersByTimeAsync(2 * EVERY);
    expect(started).toBe(3);
    expect(warned).toHaveBeenCalledTimes(3);
    await periodic.stop();
  });

  it("stop() waits for the run in flight, and no run starts after it", async () => {
    const job = manualJob();
    const periodic = startPeriodicJob({
      name: "cleanup",
      everyMs: EVERY,
      run: job.run,
      logger: log,
    });
    await vi.advanceTimersByTimeAsync(EVERY);
    let stopped = false;
    const stopping = periodic.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false); // the run is still going
    job.finish[0]!();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(10 * EVERY);
    expect(job.started).toBe(1);
  });

  it("stopped between runs, it runs no more", async () => {
    const job = manualJob();
    const periodic = startPeriodicJob({
      name: "cleanup",
      everyMs: EVERY,
      run: job.run,
      logger: log,
    });
    await periodic.stop();
    await vi.advanceTimersByTimeAsync(10 * EVERY);
    expect(job.started).toBe(0);
  });

  it("never keeps the process alive (its timer is unref'd)", async () => {
    vi.useRealTimers();
    const refTimers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const before = refTimers();
    const periodic = startPeriodicJob({
      name: "cleanup",
      everyMs: 60_000,
      run: async () => {},
      logger: log,
    });
    expect(refTimers()).toBe(before); // an unref'd timer is not an active resource
    await periodic.stop();
  });
});
