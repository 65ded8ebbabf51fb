import { err, notFound, ok, type Result } from "@shop/kernel";
import type { Decision, SagaState } from "../domain/saga";
import type { OrderError } from "../domain/errors";
import { MAX_SAVE_ATTEMPTS } from "./handle-reply";
import type { OrderDeps } from "./ports";

/**
 * A request that changes an order (cancel, refund, ship, deliver): read its saga, decide, save
 * over the version read. A save that finds the saga moved on (a reply, another request, perhaps
 * at the same time) reads again and decides again, so the request is judged on the state that
 * won: of two full refunds at once, the second finds nothing left and is refused. `change`
 * answers the decision, or a refusal; Whose order it is, is checked by the caller before.
 */
export async function changeOrder(
  deps: Pick<OrderDeps, "store" | "clock">,
  orderId: string,
  change: (state: SagaState, now: Date) => Result<Decision, OrderError>,
): Promise<Result<SagaState, OrderError>> {
  for (let attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
    const from = await deps.store.load(orderId);
    if (!from) return err(notFound("No such order"));
    const now = deps.clock.now();
    const decided = change(from, now);
    if (!decided.ok) return decided;
    if (decided.value.state === from) return ok(from);
    const saved = await deps.store.save(from, decided.value, { now });
    if (saved === "saved") return ok(decided.value.state);
  }
  throw new Error(`order ${orderId}: still stale after ${MAX_SAVE_ATTEMPTS} attempts`);
}
