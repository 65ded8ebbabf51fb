import { productState } from "@shop/contracts";
import type { ProductDeps } from "../application/ports";
import { projectProductEvent } from "../application/project-product-event";
import { productStateOf } from "../adapters/event-mapping";
import type { Db } from "../adapters/out/prisma/client";

/**
 * The projector without a broker, for tests: applies every product event in the outbox (what
 * the relay would publish to the projections queue) to the read models. Applying one twice is
 * harmless (versions), so it may run as often as a test likes.
 */
export async function projectOutbox(db: Db, deps: Pick<ProductDeps, "readModels">) {
  const rows = await db.$queryRaw<{ message: { payload: unknown } }[]>`
    SELECT message FROM outbox WHERE message->>'type' LIKE 'product.%' ORDER BY created_at, id`;
  for (const { message } of rows)
    await projectProductEvent(deps, productStateOf(productState.parse(message.payload)));
}

/** `deps` whose query side first catches up with the outbox, as if the projector were instant. */
export function withInstantProjection(db: Db, deps: ProductDeps): ProductDeps {
  const sync = () => projectOutbox(db, deps);
  const catalog = deps.catalog;
  const sales = deps.sales;
  return {
    ...deps,
    catalog: {
      list: async (...a) => (await sync(), catalog.list(...a)),
      findById: async (id) => (await sync(), catalog.findById(id)),
      findBySlug: async (slug) => (await sync(), catalog.findBySlug(slug)),
    },
    sales: {
      top: async (...a) => (await sync(), sales.top(...a)),
      daily: async (...a) => (await sync(), sales.daily(...a)),
    },
  };
}
