import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEAD_LETTERS_MIGRATION_SQL, MESSAGING_MIGRATION_SQL } from "../migration";

/**
 * A service's migrations carry this package's tables exactly as it defines them, each in one
 * migration of its own (found by its text, whatever its timestamp). Migrations are checksummed
 * once applied: when this fails because the package's SQL changed, add a new migration with the
 * difference rather than editing the old one.
 */
export function messagingMigrationsContract(migrations: URL) {
  const texts = readdirSync(migrations, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => readFileSync(new URL(`${d.name}/migration.sql`, migrations), "utf8"));
  describe("migrations: @shop/messaging's tables", () => {
    it.each([
      ["the outbox and the inbox", MESSAGING_MIGRATION_SQL],
      ["the dead letters", DEAD_LETTERS_MIGRATION_SQL],
    ])("carry %s exactly as the package defines them", (_what, sql) => {
      expect(texts.filter((t) => t === sql)).toHaveLength(1);
    });
  });
}
