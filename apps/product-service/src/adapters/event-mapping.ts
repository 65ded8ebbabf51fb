import type {
  orderCompleted,
  OrderReturnEvent,
  PayloadOf,
  ProductState as ProductStatePayload,
} from "@shop/contracts";
import type { ProductState } from "../application/ports";
import type { CompletedOrder, ReturnedSale } from "../domain/sales";

type OrderCompleted = PayloadOf<typeof orderCompleted>;

/* The events' payloads (contracts) as the use cases take them (domain), for both ends. */

export const productStateOf = (p: ProductStatePayload): ProductState => ({
  id: p.id,
  slug: p.slug,
  name: p.name,
  description: p.description,
  categorySlug: p.category.slug,
  categoryName: p.category.name,
  priceCents: p.priceCents,
  stock: p.stock,
  image: p.image,
  status: p.status,
  createdAt: new Date(p.createdAt),
  updatedAt: new Date(p.updatedAt),
  version: p.version,
});

export const completedOrderOf = (p: OrderCompleted): CompletedOrder => ({
  orderId: p.orderId,
  completedAt: new Date(p.completedAt),
  lines: p.lines.map((l) => ({
    productId: l.productId,
    quantity: l.quantity,
    unitPriceCents: l.unitPriceCents,
  })),
});

/** order.cancelled / order.refunded: the units taken off, at the price they were sold at. */
export const returnedSaleOf = (p: OrderReturnEvent): ReturnedSale => ({
  orderId: p.orderId,
  refundId: p.refundId,
  soldAt: new Date(p.soldAt),
  lines: p.lines.map((l) => ({
    productId: l.productId,
    quantity: l.quantity,
    unitPriceCents: l.unitPriceCents,
  })),
});
