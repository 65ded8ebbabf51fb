import { decide } from "../domain/saga";
import type { OrderDeps } from "./ports";

export const DEADLINE_BATCH = 100;

/**
 * One run of the deadline job: every saga whose step is past its deadline gets a deadline tick
 * (a forward step is compensated; a compensation is re-sent), a batch at a time, each batch
 * locked with FOR UPDATE SKIP LOCKED so competing instances take different sagas. After a
 * restart it runs only once resume-sagas.ts gave every waiting step a fresh deadline: the time
 * the orchestrator was away is never held against a participant. Returns how many sagas changed.
 */
export async function handleDeadlines(
  deps: OrderDeps,
  options: { batch?: number; maxBatches?: number } = {},
): Promise<number> {
  const batch = options.batch ?? DEADLINE_BATCH;
  let total = 0;
  for (let i = 0; i < (options.maxBatches ?? 10); i++) {
    const now = deps.clock.now();
    const changed = await deps.store.overdue(now, batch, (s) =>
      decide(s, { kind: "deadline", now }),
    );
    total += changed;
    if (changed < batch) break;
  }
  return total;
}
