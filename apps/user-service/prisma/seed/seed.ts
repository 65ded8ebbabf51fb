/* eslint-disable no-console -- a command-line tool talks to its terminal */
import { randomUUID } from "node:crypto";
import { defaultDatabaseUrl } from "@shop/service-kit/services";
import { createDb } from "../../src/adapters/out/prisma/client";
import { Argon2PasswordHasher } from "../../src/adapters/out/crypto/argon2-password-hasher";
import { DEMO_ACCOUNTS } from "../../src/adapters/out/demo-accounts";
import { PrismaUserRepository } from "../../src/adapters/out/prisma/user-repository";
import { createUser } from "../../src/domain/user";

/**
 * Local development accounts (src/adapters/out/demo-accounts.ts, listed in the README), added
 * only when DEMO_ACCOUNTS=allow says this is a local machine. Idempotent and non-destructive:
 * accounts are matched by email and only missing ones are inserted, so a changed password or
 * name survives a second run.
 */
const setting = process.env.DEMO_ACCOUNTS;
if (setting !== "allow") {
  console.log(
    `seed: demo accounts skipped (DEMO_ACCOUNTS is ${setting === undefined ? "unset" : JSON.stringify(setting)}; set DEMO_ACCOUNTS=allow on a local machine to add them)`,
  );
} else {
  const url = process.env.DATABASE_URL ?? defaultDatabaseUrl("user-service");
  const db = createDb(url, 2);
  try {
    const users = new PrismaUserRepository(db);
    const hasher = new Argon2PasswordHasher();
    let added = 0;
    for (const a of DEMO_ACCOUNTS) {
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
    console.log(`seed: ${added} demo accounts added (${DEMO_ACCOUNTS.length} in the demo data)`);
  } finally {
    await db.$disconnect();
  }
}
