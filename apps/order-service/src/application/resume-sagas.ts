import { decide } from "../domain/saga";
import { DEADLINE_BATCH } from "./handle-deadlines";
import type { OrderDeps } from "./ports";

/**
 * The orchestrator's start (domain/saga.ts, "A deadline measures the participant's silence"):
 * every saga awaiting a step that has not moved since `since` (when this process began taking
 * replies) asks that step again, with a fresh deadline, a batch at a time; competing instances
 * resuming at once take different sagas (SKIP LOCKED), and each saga is resumed once, as the
 * resume itself moves it. Returns how many sagas were resumed.
 */
export async function resumeSagas(deps: OrderDeps, since: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const now = deps.clock.now();
    const changed = await deps.store.waitingSince(since, now, DEADLINE_BATCH, (s) =>
      decide(s, { kind: "resume", now }),
    );
    total += changed;
    if (changed < DEADLINE_BATCH) return total;
  }
}
