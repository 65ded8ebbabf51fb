import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEAD_LETTERS_MIGRATION_SQL, MESSAGING_MIGRATION_SQL } from "@shop/messaging";

describe("migrations", () => {
  it("carry @shop/messaging's dead-letter table exactly as the package defines it", () => {
    const sql = readFileSync(
      new URL(
        "../../../../prisma/migrations/20261220090000_dead_letters/migration.sql",
        import.meta.url,
      ),
      "utf8",
    );
    expect(sql).toBe(DEAD_LETTERS_MIGRATION_SQL);
  });

  it("carry @shop/messaging's outbox and inbox tables exactly as the package defines them", () => {
    const sql = readFileSync(
      new URL(
        "../../../../prisma/migrations/20261203000100_messaging/migration.sql",
        import.meta.url,
      ),
      "utf8",
    );
    expect(sql).toBe(MESSAGING_MIGRATION_SQL);
  });
});
