import { decideRefund, refunded, refundReplyOf, type RefundReply } from "../domain/payment";
import type { ReceivedMessage } from "@shop/kernel";
import type { CommandOutcome, PaymentDeps } from "./ports";

/**
 * The saga's `refund` command (a compensation): give back what the order paid, once. It never
 * fails for a business reason. For an order never paid it credits nothing and answers 0; for an
 * order not seen at all it also records the order as cancelled, so a pay that arrives later
 * (overtaken by its own compensation) never debits (domain/payment.ts, the late-reply rule).
 * Inbox, claim, credit, record and reply commit in one transaction.
 */
export async function refundOrder(
  deps: PaymentDeps,
  orderId: string,
  command: ReceivedMessage,
): Promise<CommandOutcome<RefundReply>> {
  const now = deps.clock.now();
  return deps.store.handle(command, async (tx) => {
    const decision = decideRefund(orderId, await tx.payments.claim(orderId, now));
    let reply: RefundReply;
    switch (decision.action) {
      case "credit": {
        const paid = decision.payment;
        await tx.wallets.refund(paid.userId, paid.amountCents, {
          id: deps.ids.next(),
          now,
          orderId,
        });
        await tx.payments.save(refunded(paid), now);
        reply = { kind: "refunded", orderId, amountCents: paid.amountCents };
        break;
      }
      case "cancel":
        await tx.payments.save(decision.payment, now);
        reply = refundReplyOf(decision.payment);
        break;
      case "answer":
        reply = decision.reply;
        break;
    }
    return {
      reply,
      replayed: decision.action === "answer",
      conflicting: false,
    };
  });
}
