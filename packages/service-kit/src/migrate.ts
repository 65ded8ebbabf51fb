import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/*
 * Applies a service's Prisma migration folders (prisma/migrations/<name>/migration.sql) in
 * name order. Migrations are written with `prisma migrate diff`; they are applied here because
 * Prisma 6.19's WebAssembly schema engine cannot read this server's catalog
 * ("Column type 'name' could not be deserialized") and the native engine cannot be downloaded.
 * Each migration runs in its own transaction; an advisory lock lets several instances start
 * at once; a changed, already-applied migration stops the run instead of drifting silently.
 */

const LOCK_ID = 727_001; // any constant shared by every instance of every service

/**
 * The local server's `postgres` database for processes on the database's own host (the system
 * tests' stack, the benchmarks): through its Unix socket when it has one, where a statement
 * costs both sides about a third less CPU than over TCP on loopback (measured in the checkout
 * benchmark), else over TCP.
 */
export function localPostgresServer(): string {
  return existsSync("/var/run/postgresql/.s.PGSQL.5432")
    ? "postgresql://postgres@localhost/postgres?host=/var/run/postgresql"
    : "postgresql://postgres@127.0.0.1:5432/postgres";
}

export interface MigrationResult {
  applied: string[];
  skipped: number;
}

export async function applyMigrations(
  connectionString: string,
  migrationsDir: string,
): Promise<MigrationResult> {
  const names = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const url = new URL(connectionString);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Map(
      (
        await client.query<{ name: string; checksum: string }>(
          "SELECT name, checksum FROM schema_migrations",
        )
      ).rows.map((r) => [r.name, r.checksum]),
    );
    // Data from a later checkout (a newer schema): running older code on it would corrupt it.
    const unknown = [...done.keys()].filter((name) => !names.includes(name)).sort();
    if (unknown.length > 0)
      throw new Error(
        `${url.pathname.slice(1)} was migrated by a newer version of this service (${unknown.join(", ")} ` +
          "not in this checkout): run that version, or start this one on an empty database",
      );
    const applied: string[] = [];
    for (const name of names) {
      const sql = await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const previous = done.get(name);
      if (previous !== undefined) {
        if (previous !== checksum)
          throw new Error(`Migration ${name} was changed after it was applied`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query("INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", [
          name,
          checksum,
        ]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(name);
    }
    return { applied, skipped: names.length - applied.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

/** Creates the database named in `connectionString` if it does not exist yet. */
export async function ensureDatabase(connectionString: string): Promise<boolean> {
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name))
    throw new Error(`Refusing to create database with name "${name}"`);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * Drops a database (throwaway test, e2e and benchmark databases); refuses names without one of
 * those markers.
 */
export async function dropDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_]*_(test|e2e|bench)[A-Za-z0-9_]*$/.test(name))
    throw new Error(`Refusing to drop "${name}"`);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    // FORCE ends the connections still open, and a pool of the caller's that has no error
    // listener then throws on that connection (an unhandled error in a test run). Pools close
    // asynchronously, so give them a moment to go on their own first.
    for (let i = 0; i < 50; i++) {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [name],
      );
      if (!rows[0]?.n) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
