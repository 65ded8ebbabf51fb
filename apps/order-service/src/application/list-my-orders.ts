import { ok, type Actor, type Result } from "@shop/kernel";
import type { OrderError } from "../domain/errors";
import { asUser } from "./authorize";
import { orderPage, type OrderPage } from "./order-page";
import type { OrderDeps, OrderPosition } from "./ports";

/** The signed-in user's orders, newest first, a page at a time (`before`: the page's `next`). */
export async function listMyOrders(
  deps: Pick<OrderDeps, "store">,
  actor: Actor,
  page: { before?: OrderPosition; limit: number },
): Promise<Result<OrderPage, OrderError>> {
  const user = asUser(actor);
  if (!user.ok) return user;
  return ok(await orderPage(deps.store, { ...page, userId: user.value }));
}
