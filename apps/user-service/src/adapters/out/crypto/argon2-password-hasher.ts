import { randomBytes } from "node:crypto";
import { hash, hashSync, verify, type Algorithm, type Options } from "@node-rs/argon2";
import type { PasswordHasher } from "../../../application/ports";

/**
 * Production parameters: argon2id with the library's defaults (19 MiB, 2 passes, 1 lane),
 * OWASP's recommended minimum, written out so a library upgrade cannot weaken them silently.
 */
export const ARGON2_PRODUCTION: Options = {
  // Algorithm.Argon2id: a const enum, which isolatedModules cannot read as a value.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/**
 * Passwords hashed and verified with argon2id (@node-rs/argon2: native, off the event loop).
 * Verification reads the parameters from the stored hash, so hashes made with older
 * parameters keep working.
 */
export class Argon2PasswordHasher implements PasswordHasher {
  readonly dummyHash: string;

  /** `options` other than the production ones are for tests only (fast, weak parameters). */
  constructor(private readonly options: Options = ARGON2_PRODUCTION) {
    // Fixed for the life of the process, made with the very parameters of `hash`, so verifying
    // against it costs the same as verifying a real hash. Its password is random and thrown
    // away: nothing can ever match it.
    this.dummyHash = hashSync(randomBytes(32), options);
  }

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(stored: string, password: string): Promise<boolean> {
    try {
      return await verify(stored, password);
    } catch {
      // A malformed stored hash matches nothing.
      return false;
    }
  }
}
