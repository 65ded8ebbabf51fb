import { fakeClock, sequentialIds } from "@shop/service-kit/test-fixtures";

export { fakeClock, sequentialIds };
import { randomUUID } from "node:crypto";
import type { Options } from "@node-rs/argon2";
import type { User } from "../domain/user";
import type { PasswordHasher, UserDeps } from "../application/ports";
import { Argon2PasswordHasher } from "../adapters/out/crypto/argon2-password-hasher";
import { sessionTokens } from "../adapters/out/crypto/session-tokens";
import {
  InMemoryAttemptCounter,
  InMemoryKnownDeviceRepository,
  InMemorySessionRepository,
  InMemoryUserRepository,
} from "../adapters/out/memory/repositories";

/** A minute boundary, so sign-in windows in tests start at T0. */
export const T0 = new Date("2026-01-01T00:00:00.000Z");

/**
 * Argon2id with tiny parameters, for tests only: the real algorithm and encoding, a thousand
 * times cheaper than production's (src/adapters/out/crypto/argon2-password-hasher.ts).
 */
export const FAST_ARGON2: Options = { memoryCost: 256, timeCost: 1, parallelism: 1 };
export const fastHasher = new Argon2PasswordHasher(FAST_ARGON2);

/** A hasher that records which stored hashes it verified against. */
export function spyHasher(inner: PasswordHasher = fastHasher) {
  const verified: string[] = [];
  const hashed: number[] = [];
  return {
    verified,
    hashed,
    dummyHash: inner.dummyHash,
    hash: (password: string) => {
      hashed.push(1);
      return inner.hash(password);
    },
    verify: (hash: string, password: string) => {
      verified.push(hash);
      return inner.verify(hash, password);
    },
  } satisfies PasswordHasher & { verified: string[]; hashed: number[] };
}

let sequence = 0;

/** A valid shopper with a new id and email (its hash is of "correct-password", fast params). */
export async function aUser(overrides: Partial<User> = {}): Promise<User> {
  sequence += 1;
  return {
    id: randomUUID(),
    email: `user-${sequence}-${randomUUID().slice(0, 8)}@meridian.test`,
    displayName: `User ${sequence}`,
    role: "shopper",
    passwordHash: await fastHasher.hash("correct-password"),
    createdAt: new Date(T0.getTime() + sequence * 1_000),
    ...overrides,
  };
}

/** The use cases' dependencies on the in-memory adapters, with a fake clock and sequential ids. */
export function memoryDeps() {
  const deps = {
    users: new InMemoryUserRepository(),
    sessions: new InMemorySessionRepository(),
    attempts: new InMemoryAttemptCounter(),
    devices: new InMemoryKnownDeviceRepository(),
    passwords: spyHasher(),
    tokens: sessionTokens,
    clock: fakeClock(T0),
    ids: sequentialIds(),
    config: { sessionTtlDays: 30, sessionIdleDays: 7 },
  } satisfies UserDeps;
  return deps;
}

export type MemoryDeps = ReturnType<typeof memoryDeps>;
