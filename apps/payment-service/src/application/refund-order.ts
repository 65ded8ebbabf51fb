import {
  decideRefund,
  leftToRefund,
  refunded,
  refundReplyOf,
  type RefundReply,
} from "../domain/payment";
import type { ReceivedMessage } from "@shop/kernel";
import type { CommandOutcome, PaymentDeps } from "./ports";

/**
 * The saga's `refund` command (a compensation): give back what the order paid, once. It never
 * fails for a business reason. For an order never paid it credits nothing and answers 0; for an
 * order not seen at all it also records the order as cancelled, so a pay that arrives later
 * (overtaken by its own compensation) never debits (domain/payment.ts, the late-reply rule).
 * An order refunded in parts already gets back only what those left (nothing, and no ledger
 * entry, when they gave back all of it); no partial refund follows it (domain/part-refund.ts).
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
        // The claim locked the payment: no partial refund changes what is left until we commit
        // (theirs require it still paid, checked in their statement once our lock is gone).
        const paid = decision.payment;
        const amountCents = leftToRefund(paid);
        if (amountCents > 0)
          await tx.wallets.refund(paid.userId, amountCents, { id: deps.ids.next(), now, orderId });
        await tx.payments.save(refunded(paid), now);
        reply = { kind: "refunded", orderId, amountCents };
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
