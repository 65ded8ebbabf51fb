import { fakeClock } from "@shop/service-kit/test-fixtures";
import { productDeps } from "../../../deps";
import { CATALOG_ROWS, truncateCatalog, useTestDatabase } from "../../../test/database";
import { CATEGORIES } from "../../../test/fixtures";
import { projectOutbox, withInstantProjection } from "../../../test/projection";
import { returnsContract } from "../../../test/returns-contract";

/* Sales net of cancellations and refunds on PostgreSQL, held to the in-memory expectations. */

const t = useTestDatabase();
const NOW = new Date("2026-03-10T12:00:00.000Z");

returnsContract(
  "PostgreSQL",
  async () => {
    await truncateCatalog(t.db);
    await t.db.category.createMany({ data: CATEGORIES });
    const deps = productDeps(t.db, { days: 3, timeZone: "UTC" }, fakeClock(NOW));
    return {
      deps: withInstantProjection(t.db, deps),
      // The live projection caught up with the product events first (as withInstantProjection).
      snapshot: async () => {
        await projectOutbox(t.db, deps);
        return Promise.all([
          t.db.$queryRawUnsafe(CATALOG_ROWS),
          t.db.$queryRawUnsafe(`SELECT * FROM read.product_sales_daily ORDER BY day, product_id`),
        ]);
      },
    };
  },
  // Generated worlds on PostgreSQL: fewer (each is a few dozen statements); memory runs 20.
  4,
);
