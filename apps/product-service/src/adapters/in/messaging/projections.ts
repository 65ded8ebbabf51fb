import {
  orderCompleted,
  PRODUCT_PROJECTIONS_QUEUE,
  productArchived,
  productCreated,
  productEvents,
  productStockChanged,
  productUpdated,
} from "@shop/contracts";
import {
  consumeMessages,
  handler,
  queue,
  type Log,
  type QueueDefinition,
  type Subscription,
  type Transport,
} from "@shop/messaging";
import type { ProductDeps } from "../../../application/ports";
import { projectCompletedOrder } from "../../../application/project-completed-order";
import { projectProductEvent } from "../../../application/project-product-event";
import { completedOrderOf, productStateOf } from "../../event-mapping";

/*
 * The projector: the only writer of the query side. It consumes product-service's own product
 * events and order-service's order.completed from a durable quorum queue; a malformed event is
 * dead-lettered with the reason by @shop/messaging's consumer, which goes on. Duplicates and
 * reordering are harmless: product events apply only when newer (version), order.completed is
 * counted once per order id.
 */

export const projectionsQueue = (name: string = PRODUCT_PROJECTIONS_QUEUE): QueueDefinition =>
  queue(name, { bindings: [...productEvents, orderCompleted] });

type ProjectorDeps = Pick<ProductDeps, "readModels" | "salesWindow">;

export function projectionHandlers(deps: ProjectorDeps, log: Log) {
  const product = (
    definition:
      | typeof productCreated
      | typeof productUpdated
      | typeof productArchived
      | typeof productStockChanged,
  ) =>
    handler(definition, async (message) => {
      const applied = await projectProductEvent(deps, productStateOf(message.payload));
      log.debug(
        { type: message.type, productId: message.payload.id, version: message.payload.version },
        applied ? "catalog view updated" : "older or repeated product event; nothing to do",
      );
    });
  return [
    product(productCreated),
    product(productUpdated),
    product(productArchived),
    product(productStockChanged),
    handler(orderCompleted, async (message) => {
      const outcome = await projectCompletedOrder(deps, completedOrderOf(message.payload), message);
      log.info(
        { orderId: message.payload.orderId, messageId: message.messageId, outcome },
        outcome === "counted" ? "order.completed counted" : "order.completed seen before",
      );
    }),
  ];
}

export interface ProjectorOptions {
  transport: Transport;
  deps: ProjectorDeps;
  log: Log;
  queue?: QueueDefinition;
  prefetch?: number;
}

/** Consumes the projections queue until the subscription closes. */
export function consumeProjections(options: ProjectorOptions): Promise<Subscription> {
  return consumeMessages(
    options.transport,
    options.queue ?? projectionsQueue(),
    projectionHandlers(options.deps, options.log),
    { log: options.log, prefetch: options.prefetch ?? 10 },
  );
}
