import { decide, type SagaReply } from "../domain/saga";
import type { OrderDeps, ReceivedReply } from "./ports";

export type ReplyOutcome =
  | { kind: "saved"; attempts: number }
  | { kind: "duplicate" }
  /** No such saga: a reply for another orchestrator's order, or a forged one (logged). */
  | { kind: "unknown-order" };

/** Enough for any real contention on one saga (its replies come one step at a time). */
export const MAX_SAVE_ATTEMPTS = 20;

/**
 * A participant's reply: read the saga, decide, save over the version read. A save that finds
 * the saga moved on ("stale") reads again and decides again: the reply is applied to the state
 * that won, never lost and never applied twice (the inbox record commits with it). After
 * MAX_SAVE_ATTEMPTS it throws, and the consumer's redelivery tries again.
 */
export async function handleReply(
  deps: OrderDeps,
  reply: SagaReply,
  received: ReceivedReply,
): Promise<ReplyOutcome> {
  for (let attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
    const from = await deps.store.load(reply.orderId);
    if (!from) return { kind: "unknown-order" };
    const now = deps.clock.now();
    const decision = decide(from, {
      kind: "reply",
      reply,
      messageId: received.messageId,
      now,
    });
    const saved = await deps.store.save(from, decision, { reply: received, now });
    if (saved === "duplicate") return { kind: "duplicate" };
    if (saved === "saved") return { kind: "saved", attempts: attempt };
  }
  throw new Error(
    `saga ${reply.orderId}: ${reply.type} still stale after ${MAX_SAVE_ATTEMPTS} attempts`,
  );
}
