import { err, ok, validationFailed, type Result, type ValidationFailed } from "@shop/kernel";
import { MAX_CART_QUANTITY, MAX_ORDER_LINES } from "../domain/cart";
import { cartChanged, type CartChanged } from "../domain/errors";
import { decide, newSaga, type OrderLineRequest } from "../domain/saga";
import type { OrderDeps } from "./ports";

export interface PlaceOrderRequest {
  /** From the verified credential, never from input. */
  userId: string;
  idempotencyKey: string;
  couponId: string | null;
  lines: OrderLineRequest[];
  /** The cart version `lines` were read at, when they are the cart's (see NewOrder). */
  cartVersion?: number;
  /** The trace of the request placing it (the inbound adapter's), when tracing is on. */
  traceId?: string | null;
}

function invalid(request: PlaceOrderRequest): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  if (request.lines.length === 0) errors.lines = ["Your cart is empty"];
  else if (request.lines.length > MAX_ORDER_LINES)
    errors.lines = [`At most ${MAX_ORDER_LINES} different products in one order`];
  else if (new Set(request.lines.map((l) => l.productId)).size !== request.lines.length)
    errors.lines = ["Each product at most once per order"];
  else if (
    request.lines.some(
      (l) => !Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_CART_QUANTITY,
    )
  )
    errors.lines = [`Quantity must be a whole number from 1 to ${MAX_CART_QUANTITY}`];
  return Object.keys(errors).length > 0 ? errors : null;
}

/**
 * Places an order: the order, its lines, its saga and the saga's first command (stock.reserve)
 * in one transaction. A retried or double-clicked request (same user, same key) answers the
 * order the first one placed, and starts nothing; so does a second order from the same cart
 * version, whatever its key.
 */
export async function placeOrder(
  deps: OrderDeps,
  request: PlaceOrderRequest,
): Promise<Result<{ orderId: string; replayed: boolean }, ValidationFailed | CartChanged>> {
  const errors = invalid(request);
  if (errors) return err(validationFailed(errors));
  const now = deps.clock.now();
  const orderId = deps.ids.next();
  const order = { ...request, cartVersion: request.cartVersion ?? null, orderId, placedAt: now };
  const started = decide(newSaga({ ...order, stepTimeoutMs: deps.stepTimeoutMs }), {
    kind: "start",
    now,
  });
  const outcome = await deps.store.create(order, started);
  if (outcome.kind === "cart_changed") return err(cartChanged);
  return ok({ orderId: outcome.orderId, replayed: outcome.kind === "existing" });
}
