import { err, notFound, ok, type Actor, type Result } from "@shop/kernel";
import type { OrderError } from "../domain/errors";
import { asUser } from "./authorize";
import type { OrderDeps } from "./ports";
import { orderView, type OrderView } from "./views";

/** One of the signed-in user's orders with its timeline; someone else's is NOT_FOUND. */
export async function getMyOrder(
  deps: Pick<OrderDeps, "store">,
  actor: Actor,
  orderId: string,
): Promise<Result<OrderView, OrderError>> {
  const user = asUser(actor);
  if (!user.ok) return user;
  // The order first, its saga after: never a state ahead of its timeline (read together, a
  // CANCELLED order could come with its release still "waiting", and the page stops asking).
  const order = await deps.store.order(orderId);
  const saga = order ? await deps.store.load(orderId) : null;
  // Another user's order answers exactly like a missing one: ids are not a way to probe.
  if (!order || !saga || order.userId !== user.value) return err(notFound("No such order"));
  return ok(orderView(order, saga));
}
