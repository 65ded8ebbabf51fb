// node --test: the supervisor's restart schedule and give-up rule (restart-policy.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  afterCrash,
  crashLine,
  exitReason,
  noCrashes,
  RESTART_POLICY,
  seconds,
} from "./restart-policy.mjs";

/**
 * Replays crashes: each is how long the process had been up (ms) when it crashed; the next
 * run starts when the previous decision's wait is over. Answers every decision.
 */
function replay(upTimes, policy = RESTART_POLICY) {
  let history = noCrashes();
  let now = 1_000_000;
  const decisions = [];
  for (const up of upTimes) {
    const startedAt = now;
    const decision = afterCrash(history, { startedAt, at: startedAt + up }, policy);
    decisions.push(decision);
    if (decision.giveUp) break;
    history = decision.history;
    now = startedAt + up + decision.restartInMs;
  }
  return decisions;
}

test("quick crashes wait 0.5 s, then twice as long each time, up to 10 s", () => {
  // Up 20 s each time: never stable, and never 5 crashes within a minute.
  const waits = replay(Array(8).fill(20_000)).map((d) => d.restartInMs);
  assert.deepEqual(waits, [500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
});

test("a process that stayed up 30 s starts the backoff over", () => {
  // The 4th run lasts 40 s: it resets the backoff (and takes the first crashes out of the minute).
  const waits = replay([1_000, 1_000, 20_000, 40_000, 1_000]).map((d) => d.restartInMs);
  assert.deepEqual(waits, [500, 1_000, 2_000, 500, 1_000]);
  // Just under the mark is still a quick crash.
  assert.deepEqual(
    replay([1_000, 29_999]).map((d) => d.restartInMs),
    [500, 1_000],
  );
});

test("the 5th crash within 60 s gives up, saying why", () => {
  const decisions = replay([100, 100, 100, 100, 100, 100]);
  assert.equal(decisions.length, 5);
  assert.deepEqual(
    decisions.slice(0, 4).map((d) => d.giveUp),
    [undefined, undefined, undefined, undefined],
  );
  assert.equal(decisions[4].giveUp, "5 crashes within 60 s");
  assert.equal(decisions[4].restartInMs, undefined);
});

test("crashes older than 60 s do not count towards giving up", () => {
  // Up 15 s each time: crashes at least 15.5 s apart, so five of them span more than a minute.
  const decisions = replay(Array(10).fill(15_000));
  assert.equal(decisions.length, 10);
  assert.ok(decisions.every((d) => d.giveUp === undefined));
  // The history keeps only the crashes of the last minute.
  assert.ok(decisions.at(-1).history.crashTimes.length < 5);

  // Four crashes, then the fifth exactly 60 s after the first: the first no longer counts.
  const at = [0, 1_000, 2_000, 3_000, 60_000];
  let history = noCrashes();
  let last;
  for (const t of at) {
    last = afterCrash(history, { startedAt: t - 100, at: t });
    history = last.history;
  }
  assert.equal(last.giveUp, undefined);
  assert.deepEqual(last.history.crashTimes, [1_000, 2_000, 3_000, 60_000]);
  // ...but one more a moment later is the 5th within a minute.
  assert.equal(
    afterCrash(history, { startedAt: 60_400, at: 60_500 }).giveUp,
    "5 crashes within 60 s",
  );
});

test("a long-lived process crashing now and then is restarted every time", () => {
  const decisions = replay(Array(20).fill(3_600_000));
  assert.equal(decisions.length, 20);
  assert.ok(decisions.every((d) => d.restartInMs === 500));
});

test("afterCrash never changes the history it was given", () => {
  const history = noCrashes();
  const first = afterCrash(history, { startedAt: 0, at: 10 });
  assert.deepEqual(history, noCrashes());
  const frozen = structuredClone(first.history);
  afterCrash(first.history, { startedAt: 20, at: 30 });
  assert.deepEqual(first.history, frozen);
});

test("the policy's numbers are its own: another schedule follows them", () => {
  const policy = {
    firstDelayMs: 100,
    maxDelayMs: 300,
    stableAfterMs: 1_000,
    maxCrashes: 3,
    windowMs: 10_000,
  };
  const decisions = replay([10, 10, 10], policy);
  assert.deepEqual(
    decisions.map((d) => d.restartInMs ?? d.giveUp),
    [100, 200, "3 crashes within 10 s"],
  );
  // Up 0.9 s (not stable), and crashes a second apart leave the 1 s window each time.
  assert.deepEqual(
    replay(Array(4).fill(900), { ...policy, windowMs: 1_000 }).map((d) => d.restartInMs),
    [100, 200, 300, 300],
  );
  assert.deepEqual(
    replay(Array(3).fill(1_000), { ...policy, windowMs: 1_000 }).map((d) => d.restartInMs),
    [100, 100, 100],
  );
});

test("the log line names the process, how it ended, and when it comes back or why not", () => {
  assert.equal(exitReason(null, "SIGKILL"), "signal SIGKILL");
  assert.equal(exitReason(1, null), "exit code 1");
  assert.equal(exitReason(0, null), "exit code 0");
  assert.equal(seconds(500), "0.5");
  assert.equal(seconds(10_000), "10");
  assert.equal(seconds(1_234), "1.2");

  const times = { startedAt: 0, at: 42_000 };
  const restart = afterCrash(noCrashes(), times);
  assert.equal(
    crashLine("order-service", "signal SIGKILL", times, restart),
    "order-service ended (signal SIGKILL) after 42 s; restarting it in 0.5 s " +
      "(crash 1 within 60 s; the 5th stops the shop).",
  );
  const [, , , , giveUp] = replay([100, 100, 100, 100, 100]);
  assert.equal(
    crashLine("web", "exit code 1", { startedAt: 0, at: 100 }, giveUp),
    "web ended (exit code 1) after 0.1 s: 5 crashes within 60 s, stopping the shop.",
  );
});
