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
