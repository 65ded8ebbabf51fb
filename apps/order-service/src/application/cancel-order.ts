import { err, notFound, ok, type Actor, type Result } from "@shop/kernel";
import { cancelRefusal, decide } from "../domain/saga";
import type { OrderError } from "../domain/errors";
import { asUser } from "./authorize";
import { changeOrder } from "./change-order";
import type { OrderDeps } from "./ports";
import { orderView, type OrderView } from "./views";

/**
 * The shopper cancels their order: while checkout runs, the saga compensates what it did; once
 * it completed, a cancellation saga gives everything back (domain/after-sale.ts); once shipped,
 * it is refused. Idempotent: a second cancel answers the order as the first left it. Someone
 * else's order is NOT_FOUND, exactly like a missing one.
 */
export async function cancelOrder(
  deps: Pick<OrderDeps, "store" | "clock" | "ids">,
  actor: Actor,
  orderId: string,
): Promise<Result<OrderView, OrderError>> {
  const user = asUser(actor);
  if (!user.ok) return user;
  const order = await deps.store.order(orderId);
  // The owner never changes: checked once, before any change.
  if (!order || order.userId !== user.value) return err(notFound("No such order"));
  const refundId = deps.ids.next();
  const changed = await changeOrder(deps, orderId, (state, now) => {
    const refused = cancelRefusal(state);
    if (refused) return err(refused);
    return ok(decide(state, { kind: "cancel", refundId, by: user.value, now }));
  });
  if (!changed.ok) return changed;
  const after = await deps.store.order(orderId);
  if (!after) return err(notFound("No such order"));
  return ok(orderView(after, changed.value));
}
