import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { testDatabases } from "@shop/service-kit/test-database";
import { DEAD_LETTERS_MIGRATION_SQL, MESSAGING_MIGRATION_SQL } from "../migration";

/*
 * A throwaway database per test file, migrated with exactly the SQL services paste into their
 * migrations (written into a migrations folder of its own for service-kit's runner).
 */

const migrationsDir = mkdtempSync(path.join(tmpdir(), "messaging-migrations-"));
for (const [name, sql] of [
  ["00000000000000_messaging", MESSAGING_MIGRATION_SQL],
  ["00000000000001_dead_letters", DEAD_LETTERS_MIGRATION_SQL],
]) {
  mkdirSync(path.join(migrationsDir, name as string));
  writeFileSync(path.join(migrationsDir, name as string, "migration.sql"), sql as string);
}

export interface TestPool {
  pool: pg.Pool;
  $disconnect(): Promise<void>;
}

export const { useTestDatabase } = testDatabases<TestPool>({
  prefix: "shop_messaging_test",
  migrationsDir,
  connect: (url, poolSize) => {
    const pool = new pg.Pool({ connectionString: url, max: poolSize });
    pool.on("error", () => undefined); // a test that kills backends on purpose
    return { pool, $disconnect: () => pool.end() };
  },
});

/** Runs `work` in a transaction on a client of the pool. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}
