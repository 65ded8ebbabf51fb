import { describe, expect, it } from "vitest";
import { parseOptions } from "@node-rs/argon2";
import { Argon2PasswordHasher, ARGON2_PRODUCTION } from "./argon2-password-hasher";
import { FAST_ARGON2 } from "../../../test/fixtures";

describe("Argon2PasswordHasher", () => {
  // One hasher with the production parameters (each hash costs tens of milliseconds).
  const production = new Argon2PasswordHasher();

  it("hashes with argon2id at the library's defaults or stronger (19 MiB, 2 passes)", async () => {
    const hash = await production.hash("correct-password");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const params = parseOptions(hash);
    expect(params.memoryCost).toBeGreaterThanOrEqual(19_456);
    expect(params.timeCost).toBeGreaterThanOrEqual(2);
    expect(ARGON2_PRODUCTION).toMatchObject({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  });

  it("salts every hash and verifies the right password only", async () => {
    const a = await production.hash("correct-password");
    const b = await production.hash("correct-password");
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct-password");
    expect(await production.verify(a, "correct-password")).toBe(true);
    expect(await production.verify(a, "Correct-password")).toBe(false);
    expect(await production.verify(a, "")).toBe(false);
  });

  it("makes its dummy hash with the same parameters as real hashes, so verifying costs the same", async () => {
    const real = await production.hash("whatever-password");
    const { saltLen: _s, ...dummyParams } = parseOptions(production.dummyHash);
    const { saltLen: _r, ...realParams } = parseOptions(real);
    expect(dummyParams).toEqual(realParams);
    const fast = new Argon2PasswordHasher(FAST_ARGON2);
    expect(parseOptions(fast.dummyHash)).toMatchObject({ memoryCost: 256, timeCost: 1 });
  });

  it("matches no password against the dummy hash", async () => {
    for (const password of ["", "password", "correct-password", "dummy"])
      expect(await production.verify(production.dummyHash, password)).toBe(false);
  });

  it("answers false, without throwing, for a malformed stored hash", async () => {
    expect(await production.verify("not-a-hash", "password")).toBe(false);
    expect(await production.verify("", "password")).toBe(false);
  });

  it("verifies hashes made with other parameters (they are read from the hash)", async () => {
    const old = await new Argon2PasswordHasher(FAST_ARGON2).hash("correct-password");
    expect(await production.verify(old, "correct-password")).toBe(true);
  });
});
