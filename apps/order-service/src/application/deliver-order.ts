import { type Actor, type Result } from "@shop/kernel";
import { deliver } from "../domain/saga";
import type { OrderError } from "../domain/errors";
import { asAdmin } from "./authorize";
import { changeOrder } from "./change-order";
import { getOrderForAdmin } from "./get-order-for-admin";
import type { OrderDeps } from "./ports";
import type { AdminOrderView } from "./views";

/** An admin marks a shipped order delivered. */
export async function deliverOrder(
  deps: Pick<OrderDeps, "store" | "clock">,
  actor: Actor,
  orderId: string,
): Promise<Result<AdminOrderView, OrderError>> {
  const admin = asAdmin(actor);
  if (!admin.ok) return admin;
  const changed = await changeOrder(deps, orderId, (state, now) => deliver(state, { now }));
  if (!changed.ok) return changed;
  return getOrderForAdmin(deps, actor, orderId);
}
