import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { applyMigrations, dropDatabase, ensureDatabase } from "../migrate";

/*
 * Throwaway PostgreSQL databases for a service's integration tests: one per test file, with
 * the service's migrations applied, dropped when the file is done. The server comes from
 * TEST_DATABASE_URL (its database part is replaced).
 */

const DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase<Db> {
  /** Connection string of the throwaway database. */
  url: string;
  db: Db;
  /** Disconnects the client and drops the database. */
  drop: () => Promise<void>;
}

interface Options<Db> {
  /** Database names start with this; it must contain "_test" (dropDatabase checks). */
  prefix: string;
  migrationsDir: string;
  connect: (url: string, poolSize: number) => Db;
}

export function testDatabases<Db extends { $disconnect(): Promise<void> }>(options: Options<Db>) {
  /** The connection string of a new database name on the test server. */
  function testDatabaseUrl(name = `${options.prefix}_${randomBytes(6).toString("hex")}`): string {
    const url = new URL(process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER);
    url.pathname = `/${name}`;
    return url.toString();
  }

  /** Creates a throwaway database, applies the migrations and returns a client on it. */
  async function createTestDatabase(poolSize = 10): Promise<TestDatabase<Db>> {
    const url = testDatabaseUrl();
    await ensureDatabase(url);
    try {
      await applyMigrations(url, options.migrationsDir);
    } catch (e) {
      await dropDatabase(url);
      throw e;
    }
    const db = options.connect(url, poolSize);
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
   * One throwaway database for the calling test file: created in beforeAll, dropped in
   * afterAll. Read `.db` / `.url` inside tests and hooks (not at module load).
   */
  function useTestDatabase(poolSize = 10): { readonly db: Db; readonly url: string } {
    let current: TestDatabase<Db> | undefined;
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

  return { testDatabaseUrl, createTestDatabase, useTestDatabase };
}
