import { randomIds, systemClock } from "@shop/service-kit";
import type { PasswordHasher, UserDeps, UserServiceConfig } from "./application/ports";
import type { Db } from "./adapters/out/prisma/client";
import { Argon2PasswordHasher } from "./adapters/out/crypto/argon2-password-hasher";
import { sessionTokens } from "./adapters/out/crypto/session-tokens";
import { PrismaAttemptCounter } from "./adapters/out/prisma/attempt-counter";
import { PrismaKnownDeviceRepository } from "./adapters/out/prisma/known-device-repository";
import { PrismaSessionRepository } from "./adapters/out/prisma/session-repository";
import { PrismaUserRepository } from "./adapters/out/prisma/user-repository";

/** The use cases' dependencies on PostgreSQL. `passwords` is injectable for fast tests only. */
export function userDeps(
  db: Db,
  config: UserServiceConfig,
  passwords: PasswordHasher = new Argon2PasswordHasher(),
): UserDeps {
  return {
    users: new PrismaUserRepository(db),
    sessions: new PrismaSessionRepository(db),
    attempts: new PrismaAttemptCounter(db),
    devices: new PrismaKnownDeviceRepository(db),
    passwords,
    tokens: sessionTokens,
    clock: systemClock,
    ids: randomIds,
    config,
  };
}
