import type { AttemptCounter } from "../../../application/ports";
import type { Db } from "./client";

export class PrismaAttemptCounter implements AttemptCounter {
  constructor(private readonly db: Db) {}

  async hit(key: string, windowStart: Date): Promise<number> {
    // One statement: concurrent attempts on a key serialize on the row, and each one gets the
    // count it made (never a lost update from a read-then-write).
    const rows = await this.db.$queryRaw<{ count: number }[]>`
      INSERT INTO "sign_in_attempt" ("key", "window_start", "count")
      VALUES (${key}, ${windowStart}, 1)
      ON CONFLICT ("key", "window_start")
      DO UPDATE SET "count" = "sign_in_attempt"."count" + 1
      RETURNING "count"`;
    const count = rows[0]?.count;
    if (count === undefined) throw new Error("sign-in attempt upsert returned no row");
    return Number(count);
  }

  async reserve(key: string, windowStart: Date, limit: number): Promise<boolean> {
    // One statement: the limit is checked on the row as the upsert locks it, so of concurrent
    // reservations each sees the ones before it, and those past the limit change nothing. (No
    // row is made for a limit below 1.)
    const rows = await this.db.$queryRaw<{ count: number }[]>`
      INSERT INTO "sign_in_attempt" ("key", "window_start", "count")
      SELECT ${key}, ${windowStart}, 1 WHERE ${limit}::int >= 1
      ON CONFLICT ("key", "window_start")
      DO UPDATE SET "count" = "sign_in_attempt"."count" + 1
        WHERE "sign_in_attempt"."count" < ${limit}::int
      RETURNING "count"`;
    return rows.length === 1;
  }

  async release(key: string, windowStart: Date): Promise<void> {
    await this.db.$executeRaw`
      UPDATE "sign_in_attempt" SET "count" = "count" - 1
      WHERE "key" = ${key} AND "window_start" = ${windowStart} AND "count" > 0`;
  }

  async count(key: string, windowStart: Date): Promise<number> {
    const row = await this.db.signInAttempt.findUnique({
      where: { key_windowStart: { key, windowStart } },
      select: { count: true },
    });
    return row?.count ?? 0;
  }

  async deleteWindowsBefore(cutoff: Date): Promise<number> {
    const { count } = await this.db.signInAttempt.deleteMany({
      where: { windowStart: { lt: cutoff } },
    });
    return count;
  }
}
