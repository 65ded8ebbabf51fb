import { err, notFound, ok, type Actor, type Result } from "@shop/kernel";
import type { OrderError } from "../domain/errors";
import { asAdmin } from "./authorize";
import type { OrderDeps } from "./ports";
import { orderView, type AdminOrderView } from "./views";

/** Any order (admins) with every command, reply, deadline and retry of its saga. */
export async function getOrderForAdmin(
  deps: Pick<OrderDeps, "store">,
  actor: Actor,
  orderId: string,
): Promise<Result<AdminOrderView, OrderError>> {
  const admin = asAdmin(actor);
  if (!admin.ok) return admin;
  // The order first, then its saga and log: never a state ahead of its timeline (getMyOrder).
  const order = await deps.store.order(orderId);
  if (!order) return err(notFound("No such order"));
  const [saga, log] = await Promise.all([deps.store.load(orderId), deps.store.log(orderId)]);
  if (!saga) return err(notFound("No such order"));
  return ok({
    ...orderView(order, saga),
    log,
    saga: { version: saga.version, step: saga.step, deadline: saga.deadline },
  });
}
