import { beforeEach, describe, expect, it } from "vitest";
import { signOut } from "./sign-out";
import { signUp } from "./sign-up";
import { resolveSession } from "./resolve-session";
import type { SessionGrant } from "./ports";
import { memoryDeps, T0, type MemoryDeps } from "../test/fixtures";
import { valueOf } from "../test/results";

describe("signOut", () => {
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

  const session = () => deps.sessions.rows.get(deps.tokens.hash(grant.token));

  it("revokes the token's session", async () => {
    deps.clock.advance(1_000);
    await signOut(deps, grant.token);
    expect(session()?.revokedAt).toEqual(new Date(T0.getTime() + 1_000));
    expect(await resolveSession(deps, grant.token)).toBeNull();
  });

  it("is idempotent: signing out twice keeps the first revocation and fails nothing", async () => {
    deps.clock.advance(1_000);
    await signOut(deps, grant.token);
    deps.clock.advance(1_000);
    await signOut(deps, grant.token);
    expect(session()?.revokedAt).toEqual(new Date(T0.getTime() + 1_000));
  });

  it("ignores an unknown token and leaves other sessions alone", async () => {
    await signOut(deps, "an-unknown-token-of-some-length");
    expect(session()?.revokedAt).toBeNull();
    expect(await resolveSession(deps, grant.token)).not.toBeNull();
  });
});
