import {
  decidePay,
  differsFrom,
  payReplyOf,
  settlePay,
  type PayReply,
  type PayRequest,
} from "../domain/payment";
import { isPositiveCents } from "../domain/wallet";
import type { ReceivedMessage } from "@shop/kernel";
import type { CommandOutcome, PaymentDeps } from "./ports";

/**
 * The saga's `pay` command: take the order's amount from the user's wallet, once per order.
 * In one transaction: the inbox record (a redelivery stops here), the order's claim (domain/
 * payment.ts decides from what was recorded), the guarded debit with its ledger entry, the
 * order's payment record and the reply in the outbox. Either all of it commits or none of it.
 */
export async function payForOrder(
  deps: PaymentDeps,
  request: PayRequest,
  command: ReceivedMessage,
): Promise<CommandOutcome<PayReply>> {
  // The consumer validated the message against its contract; this is a programming error.
  if (!isPositiveCents(request.amountCents))
    throw new RangeError(`pay ${request.orderId}: amount ${request.amountCents} is not cents`);
  const now = deps.clock.now();
  return deps.store.handle(command, async (tx) => {
    const recorded = await tx.payments.claim(request.orderId, now);
    const decision = decidePay(recorded);
    let reply: PayReply;
    if (decision.action === "answer") {
      reply = decision.reply;
    } else {
      const debit = await tx.wallets.debit(request.userId, request.amountCents, {
        id: deps.ids.next(),
        now,
        orderId: request.orderId,
      });
      const payment = settlePay(
        request,
        debit.kind === "debited"
          ? { kind: "debited", balanceAfterCents: debit.entry.balanceAfterCents }
          : debit,
      );
      await tx.payments.save(payment, now);
      reply = payReplyOf(payment);
    }
    return {
      reply,
      replayed: decision.action === "answer",
      conflicting: recorded !== null && differsFrom(request, recorded),
    };
  });
}
