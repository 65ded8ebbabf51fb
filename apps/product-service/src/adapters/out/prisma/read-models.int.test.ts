import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { createMessage, orderCompleted, productState } from "@shop/contracts";
import { fakeClock } from "@shop/service-kit/test-fixtures";
import { productDeps } from "../../../deps";
import type { ProductDeps } from "../../../application/ports";
import { createProduct } from "../../../application/create-product";
import { updateProduct } from "../../../application/update-product";
import { popularProducts } from "../../../application/popular-products";
import { projectCompletedOrder } from "../../../application/project-completed-order";
import { projectProductEvent } from "../../../application/project-product-event";
import { rebuildReadModels } from "../../../application/rebuild-read-models";
import { completedOrderOf, productStateOf } from "../../event-mapping";
import { projectOutbox } from "../../../test/projection";
import { CATALOG_ROWS, truncateCatalog, useTestDatabase } from "../../../test/database";
import { ADMIN, CATEGORIES, VISITOR } from "../../../test/fixtures";
import { valueOf } from "../../../test/results";

const t = useTestDatabase();
const NOW = new Date("2026-03-10T12:00:00.000Z");
let deps: ProductDeps;

beforeEach(async () => {
  await truncateCatalog(t.db);
  await t.db.category.createMany({ data: CATEGORIES });
  deps = productDeps(t.db, { days: 3, timeZone: "UTC" }, fakeClock(NOW));
});

const make = async (name: string) =>
  valueOf(
    await createProduct(deps, {
      name,
      description: "",
      categorySlug: "kitchen",
      priceCents: 500,
      stock: 100,
    }),
  );

/** order.completed as order-service publishes it. */
function completed(lines: [string, number][], completedAt: Date, orderId: string = randomUUID()) {
  return createMessage(
    orderCompleted,
    {
      orderId,
      userId: randomUUID(),
      lines: lines.map(([productId, quantity]) => ({ productId, quantity, unitPriceCents: 500 })),
      subtotalCents: 0,
      discountCents: 0,
      totalCents: 0,
      couponId: null,
      placedAt: completedAt.toISOString(),
      completedAt: completedAt.toISOString(),
    },
    { correlationId: orderId },
  );
}
const consume = (event: ReturnType<typeof completed>) =>
  projectCompletedOrder(deps, completedOrderOf(event.payload), event);

const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const top = async () =>
  (await popularProducts(deps, VISITOR)).items.map((i) => [i.product.name, i.units]);

describe("read models on PostgreSQL", () => {
  it("update after a completed order; a duplicate (same or new message id) counts once", async () => {
    const mug = await make("Mug");
    const cup = await make("Cup");
    await projectOutbox(t.db, deps);
    const order = completed(
      [
        [mug.id, 2],
        [cup.id, 1],
      ],
      minutesAgo(5),
    );
    expect(await consume(order)).toBe("counted");
    expect(await consume(order)).toBe("duplicate");
    // order-service re-sending it under a new message id: still one order.
    const resent = completed([[mug.id, 2]], minutesAgo(5), order.payload.orderId);
    expect(await consume(resent)).toBe("duplicate");
    expect(await top()).toEqual([
      ["Mug", 2],
      ["Cup", 1],
    ]);
    const daily = await t.db.$queryRaw<{ day: string; units: number }[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, units FROM read.product_sales_daily
      WHERE product_id = ${mug.id}::uuid`;
    expect(daily).toEqual([{ day: "2026-03-10", units: 2 }]);
  });

  it("the window is today and the two days before (UTC): a sale 3 days and 1 minute ago is out", async () => {
    const mug = await make("Mug");
    await projectOutbox(t.db, deps);
    await consume(completed([[mug.id, 1]], minutesAgo(3 * 24 * 60 + 1)));
    expect(await top()).toEqual([]);
    // The window's first instant (2026-03-08T00:00Z) is in; the minute before it is out.
    await consume(completed([[mug.id, 4]], new Date("2026-03-08T00:00:00.000Z")));
    await consume(completed([[mug.id, 8]], new Date("2026-03-07T23:59:00.000Z")));
    expect(await top()).toEqual([["Mug", 4]]);
    const popular = await popularProducts(deps, VISITOR);
    expect(popular.window).toEqual({
      days: 3,
      timeZone: "UTC",
      from: "2026-03-08",
      to: "2026-03-10",
    });
  });

  it("product events out of order or repeated leave the view at the newest version", async () => {
    const mug = await make("Mug");
    valueOf(await updateProduct(deps, mug.id, { name: "Mug v2" }, 1));
    valueOf(await updateProduct(deps, mug.id, { name: "Mug v3" }, 2));
    const events = await t.db.$queryRaw<{ message: { payload: unknown } }[]>`
      SELECT message FROM outbox ORDER BY created_at`;
    const states = events.map((e) => productStateOf(productState.parse(e.message.payload)));
    expect(states.map((s) => s.version)).toEqual([1, 2, 3]);
    // Newest first, then the older ones, then all again.
    for (const s of [states[2]!, states[0]!, states[1]!, ...states])
      await projectProductEvent(deps, s);
    expect(await deps.catalog.findById(mug.id)).toMatchObject({ name: "Mug v3", version: 3 });
  });

  it("a rebuild from the event history equals the live read models, row for row", async () => {
    const mug = await make("Mug");
    const cup = await make("Cup");
    valueOf(await updateProduct(deps, cup.id, { priceCents: 900 }, 1));
    await deps.products.moveStock(mug.id, -3, NOW);
    await deps.products.archive(cup.id, NOW);
    await projectOutbox(t.db, deps);
    await consume(completed([[mug.id, 2]], minutesAgo(60)));
    await consume(
      completed(
        [
          [mug.id, 1],
          [cup.id, 5],
        ],
        minutesAgo(2 * 24 * 60),
      ),
    );
    const snapshot = () =>
      Promise.all([
        t.db.$queryRawUnsafe(CATALOG_ROWS),
        t.db.$queryRawUnsafe(`SELECT * FROM read.product_sales_daily ORDER BY day, product_id`),
      ]);
    const live = await snapshot();
    expect((live[0] as unknown[]).length).toBe(2);
    expect((live[1] as unknown[]).length).toBe(3);
    const { events } = await rebuildReadModels(deps);
    expect(events).toBe(2 + 3 + 2);
    expect(await snapshot()).toEqual(live);
    // Admins see archived best sellers; shoppers do not.
    expect((await popularProducts(deps, ADMIN)).items.map((i) => i.product.name)).toEqual([
      "Cup",
      "Mug",
    ]);
    expect(await top()).toEqual([["Mug", 3]]);
  });
});
