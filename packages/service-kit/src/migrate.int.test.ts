import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, dropDatabase, ensureDatabase } from "./migrate";

const SERVER = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const suffix = () => randomBytes(6).toString("hex");

function urlOf(database: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(
  database: string,
  sql: string,
  params: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: urlOf(database) });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const databaseExists = async (name: string) =>
  (await query("postgres", "SELECT 1 FROM pg_database WHERE datname = $1", [name])).length === 1;

describe("applyMigrations", () => {
  const database = `shop_kit_test_${suffix()}`;
  const url = urlOf(database);
  let dir: string | undefined;

  function migrations(): string {
    if (!dir) throw new Error("no migrations directory yet");
    return dir;
  }

  async function migration(name: string, sql: string) {
    await mkdir(path.join(migrations(), name), { recursive: true });
    await writeFile(path.join(migrations(), name, "migration.sql"), sql);
  }

  beforeAll(async () => {
    expect(await ensureDatabase(url)).toBe(true);
    expect(await ensureDatabase(url)).toBe(false); // already there
  });

  afterAll(async () => {
    await dropDatabase(url);
  });

  beforeEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = await mkdtemp(path.join(tmpdir(), "shop-migrations-"));
    await query(database, "DROP TABLE IF EXISTS schema_migrations, widget, gadget");
    // Written seed first: the order on disk must not matter, only the names.
    await migration("20260102000000_seed", "INSERT INTO widget VALUES (1, 'first');");
    await migration(
      "20260101000000_widget",
      "CREATE TABLE widget (id int PRIMARY KEY, name text NOT NULL);",
    );
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("applies the migrations in name order, then nothing the second time", async () => {
    // The seed only works after the table exists.
    expect(await applyMigrations(url, migrations())).toEqual({
      applied: ["20260101000000_widget", "20260102000000_seed"],
      skipped: 0,
    });
    expect(await query(database, "SELECT id, name FROM widget")).toEqual([
      { id: 1, name: "first" },
    ]);
    expect(await applyMigrations(url, migrations())).toEqual({ applied: [], skipped: 2 });
    expect(await query(database, "SELECT count(*)::int AS n FROM widget")).toEqual([{ n: 1 }]);
  });

  it("applies only a new migration on a later run", async () => {
    await applyMigrations(url, migrations());
    await migration("20260103000000_gadget", "CREATE TABLE gadget (id int);");
    expect(await applyMigrations(url, migrations())).toEqual({
      applied: ["20260103000000_gadget"],
      skipped: 2,
    });
    const recorded = await query<{ name: string }>(
      database,
      "SELECT name FROM schema_migrations ORDER BY name",
    );
    expect(recorded.map((r) => r.name)).toEqual([
      "20260101000000_widget",
      "20260102000000_seed",
      "20260103000000_gadget",
    ]);
  });

  it("refuses a migration changed after it was applied", async () => {
    await applyMigrations(url, migrations());
    await migration("20260102000000_seed", "INSERT INTO widget VALUES (1, 'edited');");
    await expect(applyMigrations(url, migrations())).rejects.toThrow(
      "Migration 20260102000000_seed was changed after it was applied",
    );
    expect(await query(database, "SELECT name FROM widget")).toEqual([{ name: "first" }]);
  });

  it("refuses a database a newer version migrated, naming the migrations it does not know", async () => {
    await migration("20260104000000_later", "CREATE TABLE later (id int);");
    await applyMigrations(url, migrations());
    await rm(path.join(migrations(), "20260104000000_later"), { recursive: true });
    await expect(applyMigrations(url, migrations())).rejects.toThrow(
      `${database} was migrated by a newer version of this service (20260104000000_later not in this checkout)`,
    );
  });

  it("rolls a failing migration back and does not record it", async () => {
    await migration(
      "20260103000000_broken",
      "CREATE TABLE gadget (id int); INSERT INTO widget VALUES (1, 'duplicate key');",
    );
    await expect(applyMigrations(url, migrations())).rejects.toThrow(
      /Migration 20260103000000_broken failed: .*duplicate key/,
    );
    const tables = await query(database, "SELECT 1 FROM pg_tables WHERE tablename = 'gadget'");
    expect(tables).toEqual([]);
    const recorded = await query<{ name: string }>(
      database,
      "SELECT name FROM schema_migrations ORDER BY name",
    );
    expect(recorded.map((r) => r.name)).toEqual(["20260101000000_widget", "20260102000000_seed"]);
  });

  it("applies each migration once when several instances start at the same time", async () => {
    const runs = await Promise.all([
      applyMigrations(url, migrations()),
      applyMigrations(url, migrations()),
      applyMigrations(url, migrations()),
    ]);
    expect(runs.flatMap((r) => r.applied).sort()).toEqual([
      "20260101000000_widget",
      "20260102000000_seed",
    ]);
    expect(await query(database, "SELECT count(*)::int AS n FROM widget")).toEqual([{ n: 1 }]);
  });
});

describe("ensureDatabase and dropDatabase", () => {
  it("refuses to create a database with an unsafe name", async () => {
    await expect(
      ensureDatabase(urlOf(encodeURIComponent('x"; DROP DATABASE postgres; --'))),
    ).rejects.toThrow(/Refusing to create database/);
  });

  it("drops a test database", async () => {
    const name = `shop_kit_test_${suffix()}`;
    await ensureDatabase(urlOf(name));
    expect(await databaseExists(name)).toBe(true);
    await dropDatabase(urlOf(name));
    expect(await databaseExists(name)).toBe(false);
    await expect(dropDatabase(urlOf(name))).resolves.toBeUndefined(); // already gone: no error
  });

  it("refuses to drop a database without a test marker, and leaves it in place", async () => {
    // Only databases this test created are named, so a broken guard cannot destroy real data.
    const names = [`shop_kit_${suffix()}`, `shopkittest${suffix()}`, `test${suffix()}`];
    for (const name of names) await ensureDatabase(urlOf(name));
    try {
      for (const name of names) {
        await expect(dropDatabase(urlOf(name))).rejects.toThrow(`Refusing to drop "${name}"`);
        expect(await databaseExists(name)).toBe(true);
      }
    } finally {
      for (const name of names)
        await query("postgres", `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});
