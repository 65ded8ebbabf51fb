import { beforeEach, describe, expect, it } from "vitest";
import { resolveSession } from "./resolve-session";
import { signUp } from "./sign-up";
import type { SessionGrant } from "./ports";
import { memoryDeps, type MemoryDeps } from "../test/fixtures";
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

  it("answers the user an active session signs in", async () => {
    expect(await resolveSession(deps, grant.token)).toEqual(grant.user);
    deps.clock.advance(30 * DAY - 1);
    expect(await resolveSession(deps, grant.token)).toEqual(grant.user);
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
