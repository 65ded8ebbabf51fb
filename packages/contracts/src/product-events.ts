import type { z } from "zod";
import { defineMessage } from "./messages";
import { productSchema } from "./product";

/*
 * Events (product-service, to anyone; first to its own projector): every change of a product,
 * published through product-service's outbox in the transaction of the change. Each carries the
 * product's whole new state and its version, so a consumer keeps a copy by applying an event
 * only when its version is newer than the one it holds: duplicates and reordering are harmless.
 * The correlation id is the product id (an admin change) or the order id (a saga's stock move).
 */

/** The product's state after a change, with its version. */
export const productState = productSchema;
export type ProductState = z.infer<typeof productState>;

export const productCreated = defineMessage({
  type: "product.created",
  version: 1,
  payload: productState,
});

/** An admin edit: name, slug, description, category, price or image. */
export const productUpdated = defineMessage({
  type: "product.updated",
  version: 1,
  payload: productState,
});

export const productArchived = defineMessage({
  type: "product.archived",
  version: 1,
  payload: productState,
});

/** Stock moved: an admin's adjustment, or a checkout's reserve or release. */
export const productStockChanged = defineMessage({
  type: "product.stock-changed",
  version: 1,
  payload: productState,
});

/** Every product event, for a queue that keeps a copy of the catalog. */
export const productEvents = [
  productCreated,
  productUpdated,
  productArchived,
  productStockChanged,
] as const;
