import { beforeEach, describe, expect, it } from "vitest";
import { signUp } from "./sign-up";
import { resolveSession } from "./resolve-session";
import type { Registration } from "../domain/user";
import { InMemoryUserRepository } from "../adapters/out/memory/repositories";
import { fastHasher, memoryDeps, T0, type MemoryDeps } from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";

const ann = (overrides: Partial<Registration> = {}): Registration => ({
  email: "Ann@Meridian.test",
  password: "correct-password",
  displayName: " Ann ",
  ...overrides,
});

describe("signUp", () => {
  let deps: MemoryDeps;
  beforeEach(() => {
    deps = memoryDeps();
  });

  it("creates a shopper with a hashed password and signs them in", async () => {
    const grant = valueOf(await signUp(deps, ann()));
    expect(grant.user).toEqual({
      id: "00000000-0000-4000-8000-000000000001",
      email: "ann@meridian.test",
      displayName: "Ann",
      role: "shopper",
      passwordHash: expect.stringMatching(/^\$argon2id\$/),
      createdAt: T0,
    });
    expect(await fastHasher.verify(grant.user.passwordHash, "correct-password")).toBe(true);
    expect(grant.expiresAt).toEqual(new Date(T0.getTime() + 30 * 86_400_000));
    expect(grant.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is stored.
    const [session] = [...deps.sessions.rows.values()];
    expect(session).toEqual({
      tokenHash: deps.tokens.hash(grant.token),
      userId: grant.user.id,
      createdAt: T0,
      expiresAt: grant.expiresAt,
      revokedAt: null,
      lastUsedAt: T0,
    });
    expect(JSON.stringify([...deps.sessions.rows])).not.toContain(grant.token);
    // The browser becomes a known device of the new account (its token's hash only).
    expect(grant.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(grant.deviceExpiresAt).toEqual(new Date(T0.getTime() + 365 * 86_400_000));
    expect([...deps.devices.rows.values()]).toEqual([
      { tokenHash: deps.tokens.hash(grant.deviceToken), userId: grant.user.id, createdAt: T0 },
    ]);
    expect(JSON.stringify([...deps.devices.rows])).not.toContain(grant.deviceToken);
  });

  it("uses the configured session lifetime", async () => {
    deps.config.sessionTtlDays = 7;
    const grant = valueOf(await signUp(deps, ann()));
    expect(grant.expiresAt).toEqual(new Date(T0.getTime() + 7 * 86_400_000));
  });

  it("refuses an email that is taken, whatever its case, without hashing or storing anything", async () => {
    valueOf(await signUp(deps, ann()));
    const hashesBefore = deps.passwords.hashed.length;
    const error = errorOf(
      await signUp(deps, ann({ email: " ANN@meridian.TEST ", displayName: "Other" })),
      "EMAIL_TAKEN",
    );
    expect(error).toEqual({ code: "EMAIL_TAKEN", field: "email" });
    expect(deps.passwords.hashed.length).toBe(hashesBefore);
    expect(deps.users.rows.size).toBe(1);
    expect(deps.sessions.rows.size).toBe(1);
  });

  it("answers EMAIL_TAKEN when a concurrent sign-up wins the insert", async () => {
    const users = new InMemoryUserRepository();
    const racing = { ...deps, users: Object.assign(users, { findByEmail: async () => null }) };
    valueOf(await signUp(racing, ann()));
    errorOf(await signUp(racing, ann()), "EMAIL_TAKEN");
    expect(users.rows.size).toBe(1);
    expect(deps.sessions.rows.size).toBe(1);
  });

  it("validates before looking anything up or hashing", async () => {
    const error = errorOf(
      await signUp(deps, { email: "not-an-email", password: "short", displayName: " " }),
      "VALIDATION_FAILED",
    );
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["displayName", "email", "password"]);
    expect(deps.passwords.hashed).toEqual([]);
    expect(deps.users.rows.size).toBe(0);
  });

  it("revokes the session the browser held (previousToken), and only on success", async () => {
    const before = valueOf(await signUp(deps, ann()));
    deps.clock.advance(1_000);
    errorOf(
      await signUp(deps, ann({ displayName: "Again" }), { previousToken: before.token }),
      "EMAIL_TAKEN",
    );
    expect(await resolveSession(deps, before.token)).not.toBeNull();
    const after = valueOf(
      await signUp(deps, ann({ email: "bob@meridian.test" }), { previousToken: before.token }),
    );
    expect(deps.sessions.rows.get(deps.tokens.hash(before.token))?.revokedAt).toEqual(
      deps.clock.now(),
    );
    expect(await resolveSession(deps, before.token)).toBeNull();
    expect((await resolveSession(deps, after.token))?.email).toBe("bob@meridian.test");
  });

  it("gives every sign-up its own token", async () => {
    const a = valueOf(await signUp(deps, ann()));
    const b = valueOf(await signUp(deps, ann({ email: "bob@meridian.test" })));
    expect(a.token).not.toBe(b.token);
    expect(a.user.id).not.toBe(b.user.id);
  });
});

describe("signUp limits per client address", () => {
  it("refuses the eleventh account from one address within the hour, not from another", async () => {
    const deps = memoryDeps();
    for (let i = 0; i < 10; i++)
      valueOf(
        await signUp(deps, ann({ email: `ann${i}@meridian.test` }), { clientIp: "198.51.100.7" }),
      );
    const refused = errorOf(
      await signUp(deps, ann({ email: "ann10@meridian.test" }), { clientIp: "198.51.100.7" }),
      "RATE_LIMITED",
    );
    expect(refused).toMatchObject({ action: "sign-up" });
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect(await deps.users.findByEmail("ann10@meridian.test")).toBeNull();
    valueOf(
      await signUp(deps, ann({ email: "ann10@meridian.test" }), { clientIp: "198.51.100.8" }),
    );
  });

  it("counts sign-ups without a known address together, under the same limit", async () => {
    const deps = memoryDeps();
    for (let i = 0; i < 10; i++)
      valueOf(await signUp(deps, ann({ email: `ann${i}@meridian.test` })));
    const hashes = deps.passwords.hashed.length;
    const refused = errorOf(
      await signUp(deps, ann({ email: "ann10@meridian.test" }), { clientIp: undefined }),
      "RATE_LIMITED",
    );
    expect(refused).toMatchObject({ action: "sign-up" });
    expect(deps.passwords.hashed.length).toBe(hashes);
    expect(await deps.users.findByEmail("ann10@meridian.test")).toBeNull();
    // A caller with an address has its own budget.
    valueOf(
      await signUp(deps, ann({ email: "ann10@meridian.test" }), { clientIp: "198.51.100.8" }),
    );
  });

  it("counts an IPv6 client by its /64", async () => {
    const deps = memoryDeps();
    for (let i = 0; i < 10; i++)
      valueOf(
        await signUp(deps, ann({ email: `ann${i}@meridian.test` }), {
          clientIp: `2001:db8::${i + 1}`,
        }),
      );
    errorOf(
      await signUp(deps, ann({ email: "ann10@meridian.test" }), { clientIp: "2001:db8::ffff" }),
      "RATE_LIMITED",
    );
    valueOf(
      await signUp(deps, ann({ email: "ann10@meridian.test" }), { clientIp: "2001:db8:0:1::1" }),
    );
  });
});
