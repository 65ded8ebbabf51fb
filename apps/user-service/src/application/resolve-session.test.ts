import { beforeEach, describe, expect, it } from "vitest";
import { resolveSession } from "./resolve-session";
import { signUp } from "./sign-up";
import type { SessionGrant } from "./ports";
import { memoryDeps, T0, type MemoryDeps } from "../test/fixtures";
import { valueOf } from "../test/results";

const DAY = 86_400_000;

describe("resolveSession", () => {
  let deps: MemoryDeps;
  let grant: SessionGrant;
  beforeEach(async () => {
    deps = memoryDeps();
    grant = valueOf(
      await signUp(deps, {
        email: "ann@meridian.test",
        password: "correct-password",
        displayName: "Ann",
      }),
    );
  });

  it("answers the user an active session signs in, up to its absolute lifetime if in use", async () => {
    expect(await resolveSession(deps, grant.token)).toEqual(grant.user);
    // Used every 6 days: never idle for 7, so it lasts its 30 days, not one more millisecond.
    for (let day = 6; day < 30; day += 6) {
      deps.clock.set(new Date(T0.getTime() + day * DAY));
      expect(await resolveSession(deps, grant.token)).toEqual(grant.user);
    }
    deps.clock.set(new Date(T0.getTime() + 30 * DAY - 1));
    expect(await resolveSession(deps, grant.token)).toEqual(grant.user);
    deps.clock.set(new Date(T0.getTime() + 30 * DAY));
    expect(await resolveSession(deps, grant.token)).toBeNull();
  });

  it("answers null once the session went unused for the idle limit (7 days)", async () => {
    deps.clock.advance(7 * DAY - 1);
    expect(await resolveSession(deps, grant.token)).toEqual(grant.user);
    // That use counts: 7 days from it, the session is idle.
    deps.clock.advance(7 * DAY - 1);
    expect(await resolveSession(deps, grant.token)).toEqual(grant.user);
    deps.clock.advance(7 * DAY);
    expect(await resolveSession(deps, grant.token)).toBeNull();
    // The refused use is not recorded: the session stays idle.
    expect(deps.sessions.rows.get(deps.tokens.hash(grant.token))?.lastUsedAt).toEqual(
      new Date(T0.getTime() + 14 * DAY - 2),
    );
  });

  it("uses the configured idle limit", async () => {
    deps.config.sessionIdleDays = 1;
    deps.clock.advance(DAY);
    expect(await resolveSession(deps, grant.token)).toBeNull();
  });

  it("records a use at most once per 5 minutes, however many requests", async () => {
    const hash = deps.tokens.hash(grant.token);
    for (let i = 0; i < 10; i++) {
      deps.clock.advance(29_000); // 4 min 50 s in all
      await resolveSession(deps, grant.token);
    }
    expect(deps.sessions.touches).toEqual([]);
    deps.clock.advance(11_000); // just past 5 minutes after the sign-up
    await resolveSession(deps, grant.token);
    await resolveSession(deps, grant.token);
    expect(deps.sessions.touches).toEqual([{ tokenHash: hash, at: deps.clock.now() }]);
    expect(deps.sessions.rows.get(hash)?.lastUsedAt).toEqual(deps.clock.now());
  });

  it("does not record a use of an expired, revoked or idle session", async () => {
    await deps.sessions.revoke(deps.tokens.hash(grant.token), deps.clock.now());
    deps.clock.advance(DAY);
    expect(await resolveSession(deps, grant.token)).toBeNull();
    deps.clock.advance(30 * DAY);
    expect(await resolveSession(deps, grant.token)).toBeNull();
    expect(deps.sessions.touches).toEqual([]);
  });

  it("answers null for an unknown token", async () => {
    expect(await resolveSession(deps, "x".repeat(43))).toBeNull();
    // The stored hash is not a token either.
    expect(await resolveSession(deps, deps.tokens.hash(grant.token))).toBeNull();
  });

  it("answers null once the session expired", async () => {
    deps.clock.advance(30 * DAY);
    expect(await resolveSession(deps, grant.token)).toBeNull();
  });

  it("answers null for a revoked session", async () => {
    await deps.sessions.revoke(deps.tokens.hash(grant.token), deps.clock.now());
    expect(await resolveSession(deps, grant.token)).toBeNull();
  });

  it("answers null when the user no longer exists", async () => {
    deps.users.rows.clear();
    expect(await resolveSession(deps, grant.token)).toBeNull();
  });
});
