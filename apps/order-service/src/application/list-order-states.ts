import { ok, type Actor, type Result } from "@shop/kernel";
import type { OrderError } from "../domain/errors";
import { asAdmin } from "./authorize";
import type { OrderDeps, OrderStateRecord } from "./ports";

/**
 * Where each of these orders stands (admins): the live admin list asks after the rows it shows
 * that are still moving, in one small request, instead of reloading every page it holds.
 */
export async function listOrderStates(
  deps: Pick<OrderDeps, "store">,
  actor: Actor,
  orderIds: readonly string[],
): Promise<Result<OrderStateRecord[], OrderError>> {
  const admin = asAdmin(actor);
  if (!admin.ok) return admin;
  return ok(await deps.store.states([...new Set(orderIds)]));
}
