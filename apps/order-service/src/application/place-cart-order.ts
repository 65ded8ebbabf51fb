import { ok, type Actor, type Result } from "@shop/kernel";
import { wasJustOrdered } from "../domain/cart";
import type { OrderError } from "../domain/errors";
import { asUser } from "./authorize";
import { placeOrder } from "./place-order";
import type { OrderDeps } from "./ports";

export interface PlaceCartOrderInput {
  idempotencyKey: string;
  couponId: string | null;
  /** Product names for the shopper's sentences ("Only 3 left of Linen Apron"); never priced. */
  names?: Record<string, string>;
  /** The trace of the request placing it (the inbound adapter's), when tracing is on. */
  traceId?: string | null;
}

/**
 * Places the signed-in user's cart as an order; its lines leave the cart in the order's
 * transaction, which requires the cart still at the version they were read at. A retry with the
 * same key answers the order the first attempt placed, even though the cart is empty by then;
 * so does a second tab placing the same cart with a key of its own. A cart edited in between
 * is CART_CHANGED: nothing ordered, the cart as the shopper left it.
 */
export async function placeCartOrder(
  deps: OrderDeps,
  actor: Actor,
  input: PlaceCartOrderInput,
): Promise<Result<{ orderId: string; replayed: boolean }, OrderError>> {
  const user = asUser(actor);
  if (!user.ok) return user;
  const userId = user.value;
  const existing = await deps.store.orderIdByKey(userId, input.idempotencyKey);
  if (existing !== null) return ok({ orderId: existing, replayed: true });
  const cart = await deps.cart.read(userId);
  const lines = cart.lines.map(({ productId, quantity }) => {
    const name = input.names?.[productId];
    return name === undefined ? { productId, quantity } : { productId, quantity, name };
  });
  if (lines.length === 0) {
    // A retry racing the first attempt: the first may have committed (taking the cart's lines)
    // between the lookup above and the read of the cart. Its order is the answer.
    const placed = await deps.store.orderIdByKey(userId, input.idempotencyKey);
    if (placed !== null) return ok({ orderId: placed, replayed: true });
    // Another tab, with a key of its own, that read the cart just after the first placed it.
    const taken =
      cart.version > 0 ? await deps.store.orderFromCart(userId, cart.version - 1) : null;
    if (taken && wasJustOrdered(taken.placedAt, deps.clock.now()))
      return ok({ orderId: taken.orderId, replayed: true });
  }
  return placeOrder(deps, {
    userId,
    idempotencyKey: input.idempotencyKey,
    couponId: input.couponId,
    lines,
    cartVersion: cart.version,
    traceId: input.traceId ?? null,
  });
}
