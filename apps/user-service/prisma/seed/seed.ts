/* eslint-disable no-console -- a command-line tool talks to its terminal */
import { randomUUID } from "node:crypto";
import { createDb } from "../../src/adapters/out/prisma/client";
import { Argon2PasswordHasher } from "../../src/adapters/out/crypto/argon2-password-hasher";
import { PrismaUserRepository } from "../../src/adapters/out/prisma/user-repository";
import { createUser, type Role } from "../../src/domain/user";

/**
 * Local development accounts (listed in the README; never use them anywhere real).
 * Idempotent and non-destructive: accounts are matched by email and only missing ones are
 * inserted, so a changed password or name survives a second run.
 */
const ACCOUNTS: { email: string; password: string; displayName: string; role: Role }[] = [
  {
    email: "admin@meridian.test",
    password: "admin-password",
    displayName: "Ada Admin",
    role: "admin",
  },
  {
    email: "shopper@meridian.test",
    password: "shopper-password",
    displayName: "Sam Shopper",
    role: "shopper",
  },
];

const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/shop_user";
const db = createDb(url, 2);
try {
  const users = new PrismaUserRepository(db);
  const hasher = new Argon2PasswordHasher();
  let added = 0;
  for (const a of ACCOUNTS) {
    if (await users.findByEmail(a.email)) continue;
    const user = createUser({
      id: randomUUID(),
      email: a.email,
      displayName: a.displayName,
      role: a.role,
      passwordHash: await hasher.hash(a.password),
      now: new Date(),
    });
    if ((await users.insert(user)) === "ok") added += 1;
  }
  console.log(`seed: ${added} accounts added (${ACCOUNTS.length} in the demo data)`);
} finally {
  await db.$disconnect();
}
