import { ok, type Actor, type Result } from "@shop/kernel";
import type { OrderError } from "../domain/errors";
import { asUser } from "./authorize";
import type { OrderDeps, OrderSummaryRecord } from "./ports";

/** The signed-in user's orders, newest first, a page at a time (`before`: the last placedAt). */
export async function listMyOrders(
  deps: Pick<OrderDeps, "store">,
  actor: Actor,
  page: { before?: Date; limit: number },
): Promise<Result<OrderSummaryRecord[], OrderError>> {
  const user = asUser(actor);
  if (!user.ok) return user;
  return ok(await deps.store.orders({ ...page, userId: user.value }));
}
