import { type Actor, type Result } from "@shop/kernel";
import { ship } from "../domain/saga";
import type { OrderError } from "../domain/errors";
import { asAdmin } from "./authorize";
import { changeOrder } from "./change-order";
import { getOrderForAdmin } from "./get-order-for-admin";
import type { OrderDeps } from "./ports";
import type { AdminOrderView } from "./views";

/** An admin marks a completed order shipped (with the carrier and tracking, if known). */
export async function shipOrder(
  deps: Pick<OrderDeps, "store" | "clock">,
  actor: Actor,
  input: { orderId: string; carrier: string | null; tracking: string | null },
): Promise<Result<AdminOrderView, OrderError>> {
  const admin = asAdmin(actor);
  if (!admin.ok) return admin;
  const changed = await changeOrder(deps, input.orderId, (state, now) =>
    ship(state, { carrier: input.carrier, tracking: input.tracking, now }),
  );
  if (!changed.ok) return changed;
  return getOrderForAdmin(deps, actor, input.orderId);
}
