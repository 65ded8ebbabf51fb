import { ok, type Actor, type Result } from "@shop/kernel";
import type { OrderError } from "../domain/errors";
import type { OrderStatus } from "../domain/saga";
import { asAdmin } from "./authorize";
import type { OrderDeps, OrderSummaryRecord } from "./ports";

/** Every order (admins), newest first, optionally in one status, a page at a time. */
export async function listOrders(
  deps: Pick<OrderDeps, "store">,
  actor: Actor,
  filter: { status?: OrderStatus; before?: Date; limit: number },
): Promise<Result<OrderSummaryRecord[], OrderError>> {
  const admin = asAdmin(actor);
  if (!admin.ok) return admin;
  return ok(await deps.store.orders(filter));
}
