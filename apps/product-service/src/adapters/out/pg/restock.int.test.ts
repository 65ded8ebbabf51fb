import { expect } from "vitest";
import { restockContract } from "../../../test/restock-contract";
import { productDeps } from "../../../deps";
import { truncateCatalog, useTestDatabase } from "../../../test/database";
import { CATEGORIES } from "../../../test/fixtures";
import { projectOutbox } from "../../../test/projection";

/* stock.restock on PostgreSQL, held to the in-memory store's expectations (restock-contract). */

const t = useTestDatabase(10);

restockContract("PostgreSQL", async () => {
  const deps = productDeps(t.db);
  await truncateCatalog(t.db);
  await t.db.$executeRawUnsafe(
    `TRUNCATE TABLE "order_stock", "stock_restock", "inbox", "outbox" CASCADE`,
  );
  await t.db.category.createMany({ data: CATEGORIES });
  return {
    deps,
    seed: async (products) => {
      await t.db.product.createMany({ data: products });
    },
    stockOf: async (id) => (await t.db.product.findUniqueOrThrow({ where: { id } })).stock,
    stockChanges: async (id) => {
      // Recorded in the outbox (to publish) and in the event history (to rebuild) alike.
      const [outbox, history] = await Promise.all(
        ["outbox", "event_history"].map((table) =>
          t.db.$queryRawUnsafe<{ version: number }[]>(
            `SELECT (message->'payload'->>'version')::int AS version FROM ${table}
              WHERE message->>'type' = 'product.stock-changed' AND message->'payload'->>'id' = $1
              ORDER BY (message->'payload'->>'version')::int`,
            id,
          ),
        ),
      );
      expect(history).toEqual(outbox);
      return outbox!.map((r) => r.version);
    },
    shownStockOf: async (id) => {
      await projectOutbox(t.db, deps);
      return (await deps.catalog.findById(id))?.stock;
    },
  };
});
