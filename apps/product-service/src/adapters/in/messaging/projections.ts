import {
  orderCancelled,
  orderCompleted,
  orderRefunded,
  productArchived,
  productCreated,
  productStockChanged,
  productUpdated,
} from "@shop/contracts";
import { handler } from "@shop/messaging";
import type { ProductDeps } from "../../../application/ports";
import { projectCompletedOrder } from "../../../application/project-completed-order";
import { projectOrderReturn } from "../../../application/project-order-return";
import { projectProductEvent } from "../../../application/project-product-event";
import { completedOrderOf, productStateOf, returnedSaleOf } from "../../event-mapping";

/*
 * The projector: the only writer of the query side. It consumes product-service's own product
 * events and order-service's order.completed, order.cancelled and order.refunded from a durable
 * quorum queue; a malformed event is dead-lettered with the reason by @shop/messaging's
 * consumer, which goes on. Duplicates and reordering are harmless: product events apply only
 * when newer (version), order.completed is counted once per order id, a cancellation or refund
 * once per message id and refund id (kept apart from the sales, so a return that overtakes its
 * sale still nets out).
 */

type ProjectorDeps = Pick<ProductDeps, "readModels" | "salesWindow">;

/** The handlers of the contracts' PRODUCT_PROJECTIONS queue, each message to its projection. */
export function projectionHandlers(deps: ProjectorDeps) {
  const product = (
    definition:
      | typeof productCreated
      | typeof productUpdated
      | typeof productArchived
      | typeof productStockChanged,
  ) =>
    handler(definition, async (message) => ({
      // false: an older or repeated event; nothing changed.
      applied: await projectProductEvent(deps, productStateOf(message.payload)),
    }));
  return [
    product(productCreated),
    product(productUpdated),
    product(productArchived),
    product(productStockChanged),
    handler(orderCompleted, async (message) => ({
      outcome: await projectCompletedOrder(deps, completedOrderOf(message.payload), message),
    })),
    ...[orderCancelled, orderRefunded].map((definition) =>
      handler(definition, async (message) => ({
        outcome: await projectOrderReturn(deps, returnedSaleOf(message.payload), message),
      })),
    ),
  ];
}
