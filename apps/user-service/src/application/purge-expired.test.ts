import { describe, expect, it } from "vitest";
import { ENDED_SESSION_RETENTION_MS, purgeExpired } from "./purge-expired";
import { startSession } from "../domain/session";
import { issueDevice } from "../domain/device";
import { memoryDeps, T0 } from "../test/fixtures";

const at = (ms: number) => new Date(T0.getTime() + ms);

describe("purgeExpired", () => {
  it("deletes finished attempt windows and sessions ended over a week ago, nothing else", async () => {
    const deps = memoryDeps();
    deps.clock.set(at(10 * 86_400_000 + 30_000)); // day 10, 30 s into a window
    await deps.attempts.hit("email:old@x.test", at(10 * 86_400_000 - 60_000));
    await deps.attempts.hit("email:now@x.test", at(10 * 86_400_000));
    const session = (hash: string, startMs: number, ttlDays: number) =>
      startSession({ tokenHash: hash, userId: "u", now: at(startMs), ttlDays });
    await deps.sessions.insert(session("expired-long-ago", 0, 1)); // ended day 1
    await deps.sessions.insert(session("expired-recently", 0, 5)); // ended day 5
    await deps.sessions.insert(session("active", 0, 30));
    await deps.sessions.insert(session("revoked-long-ago", 0, 30));
    await deps.sessions.revoke("revoked-long-ago", at(86_400_000));

    expect(await purgeExpired(deps)).toEqual({ attemptWindows: 1, sessions: 2, devices: 0 });
    expect([...deps.attempts.windows.values()].map((w) => w.key)).toEqual(["email:now@x.test"]);
    expect([...deps.sessions.rows.keys()].sort()).toEqual(["active", "expired-recently"]);
    expect(ENDED_SESSION_RETENTION_MS).toBe(7 * 86_400_000);
  });

  it("deletes sessions that went idle (7 days unused) over a week ago", async () => {
    const deps = memoryDeps();
    const day = (n: number) => at(n * 86_400_000);
    deps.clock.set(day(20)); // the cutoff is day 13
    const usedOn = (hash: string, n: number) => ({
      ...startSession({ tokenHash: hash, userId: "u", now: day(0), ttlDays: 30 }),
      lastUsedAt: day(n),
    });
    await deps.sessions.insert(usedOn("idle-since-day-5", 5)); // ended on day 12
    await deps.sessions.insert(usedOn("idle-since-day-7", 7)); // ended on day 14
    expect(await purgeExpired(deps)).toEqual({ attemptWindows: 0, sessions: 1, devices: 0 });
    expect([...deps.sessions.rows.keys()]).toEqual(["idle-since-day-7"]);
  });

  it("deletes device tokens issued over a year ago (their cookie has expired), not younger ones", async () => {
    const deps = memoryDeps();
    const day = (n: number) => at(n * 86_400_000);
    const issued = (hash: string, n: number) =>
      deps.devices.remember(issueDevice({ tokenHash: hash, userId: "u", now: day(n) }), {
        keep: 20,
      });
    await issued("issued-day-0", 0);
    await issued("issued-day-1", 1);
    deps.clock.set(new Date(day(365).getTime() + 1)); // just over a year after day 0
    expect(await purgeExpired(deps)).toMatchObject({ devices: 1 });
    expect([...deps.devices.rows.keys()]).toEqual(["issued-day-1"]);
  });

  it("keeps an hour-long sign-up window that is still running", async () => {
    const deps = memoryDeps();
    const hour = 10 * 86_400_000;
    await deps.attempts.hit("sign-up-ip:198.51.100.7", at(hour));
    await deps.attempts.hit("email:a@x.test", at(hour + 60_000));
    deps.clock.set(at(hour + 30 * 60_000));
    await purgeExpired(deps);
    expect([...deps.attempts.windows.values()].map((w) => w.key).sort()).toEqual([
      "email:a@x.test",
      "sign-up-ip:198.51.100.7",
    ]);
  });
});
