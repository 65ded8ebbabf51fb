import { ok, type Actor, type Result } from "@shop/kernel";
import type { OrderError } from "../domain/errors";
import { asAdmin } from "./authorize";
import type { OrderDeps, RunningSaga } from "./ports";

/** The sagas not terminal yet, oldest first (admins): where an operator looks for a stuck one. */
export async function listRunningSagas(
  deps: Pick<OrderDeps, "store">,
  actor: Actor,
  limit: number,
): Promise<Result<{ total: number; sagas: RunningSaga[] }, OrderError>> {
  const admin = asAdmin(actor);
  if (!admin.ok) return admin;
  return ok(await deps.store.running(limit));
}
