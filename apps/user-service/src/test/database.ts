import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { applyMigrations, dropDatabase, ensureDatabase } from "@shop/service-kit/migrate";
import { createDb, type Db } from "../adapters/out/prisma/client";

const DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";
const MIGRATIONS = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export interface TestDatabase {
  /** Connection string of the throwaway database. */
  url: string;
  db: Db;
  /** Disconnects the client and drops the database. */
  drop: () => Promise<void>;
}

/** The connection string of a new database name on the test server (TEST_DATABASE_URL). */
export function testDatabaseUrl(name = `shop_user_test_${randomBytes(6).toString("hex")}`): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates a throwaway database, applies prisma/migrations and returns a Prisma client on it. */
export async function createTestDatabase(poolSize = 10): Promise<TestDatabase> {
  const url = testDatabaseUrl();
  await ensureDatabase(url);
  try {
    await applyMigrations(url, MIGRATIONS);
  } catch (e) {
    await dropDatabase(url);
    throw e;
  }
  const db = createDb(url, poolSize);
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect().catch(() => undefined);
      await dropDatabase(url);
    },
  };
}

/**
 * One throwaway database for the calling test file: created in beforeAll, dropped in afterAll.
 * Read `.db` / `.url` inside tests and hooks (not at module load).
 */
export function useTestDatabase(poolSize = 10): { readonly db: Db; readonly url: string } {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase(poolSize);
  });
  afterAll(async () => {
    await current?.drop();
  });
  const get = () => {
    if (!current)
      throw new Error("The test database is not ready yet (use it inside tests or hooks)");
    return current;
  };
  return {
    get db() {
      return get().db;
    },
    get url() {
      return get().url;
    },
  };
}

/** Empties every table between tests that need a clean slate. */
export async function truncateAccounts(db: Db): Promise<void> {
  await db.$executeRawUnsafe(`TRUNCATE TABLE "session", "sign_in_attempt", "user" CASCADE`);
}
