import { ok, type Actor, type Result } from "@shop/kernel";
import type { OrderError } from "../domain/errors";
import type { OrderStatus } from "../domain/saga";
import { asAdmin } from "./authorize";
import { orderPage, type OrderPage } from "./order-page";
import type { OrderDeps, OrderPosition } from "./ports";

/** Every order (admins), newest first, optionally in one status, a page at a time. */
export async function listOrders(
  deps: Pick<OrderDeps, "store">,
  actor: Actor,
  filter: { status?: OrderStatus; before?: OrderPosition; limit: number },
): Promise<Result<OrderPage, OrderError>> {
  const admin = asAdmin(actor);
  if (!admin.ok) return admin;
  return ok(await orderPage(deps.store, filter));
}
