import { describe, expect, it } from "vitest";
import { prismaOnPool } from "./database-pool";

/** No tables needed: the server's own database. */
const URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

describe("prismaOnPool", () => {
  it("ends the pool on $disconnect even if the client never used it, once", async () => {
    let disconnects = 0;
    const db = prismaOnPool(URL, 2, () => ({
      $disconnect: async () => void (disconnects += 1),
    }));
    expect((await db.sql.query<{ one: number }>("SELECT 1 AS one")).rows[0]?.one).toBe(1);
    await Promise.all([db.$disconnect(), db.$disconnect()]);
    expect(disconnects).toBe(1);
    expect(db.sql.ended).toBe(true);
  });

  it("survives the server ending an idle connection", async () => {
    const db = prismaOnPool(URL, 2, () => ({ $disconnect: async () => undefined }));
    const client = await db.sql.connect();
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    client.release();
    const pid = rows[0]!.pid;
    const admin = prismaOnPool(URL, 1, () => ({ $disconnect: async () => undefined }));
    await admin.sql.query("SELECT pg_terminate_backend($1)", [pid]);
    await admin.$disconnect();
    // Without a listener the pool's 'error' would have thrown; the next query gets a new one.
    await new Promise((r) => setTimeout(r, 50));
    expect((await db.sql.query("SELECT 1")).rowCount).toBe(1);
    await db.$disconnect();
  });
});
