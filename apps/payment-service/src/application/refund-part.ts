import {
  credited,
  partRefundDiffers,
  partRefundReplyOf,
  refused,
  type PartRefundReply,
  type PartRefundRequest,
} from "../domain/part-refund";
import { isPositiveCents } from "../domain/wallet";
import type { ReceivedMessage } from "@shop/kernel";
import type { CommandOutcome, PaymentDeps } from "./ports";

/**
 * The after-sale `refund-part` command: give `amountCents` of what the order paid back to the
 * wallet it was paid from, once per refund id. In one transaction: the inbox record (a
 * redelivery stops here), the refund id's claim (a repeat is answered from what was recorded),
 * the guarded take from the payment (never more than it paid, in total), the credit with its
 * ledger entry, the refund's record and the reply in the outbox. A refusal credits nothing.
 */
export async function refundPart(
  deps: PaymentDeps,
  request: PartRefundRequest,
  command: ReceivedMessage,
): Promise<CommandOutcome<PartRefundReply>> {
  // The consumer validated the message against its contract; this is a programming error.
  if (!isPositiveCents(request.amountCents))
    throw new RangeError(`refund ${request.refundId}: amount ${request.amountCents} is not cents`);
  const now = deps.clock.now();
  return deps.store.handle(command, async (tx) => {
    const recorded = await tx.refunds.claim(request, now);
    if (recorded)
      return {
        reply: partRefundReplyOf(recorded),
        replayed: true,
        conflicting: partRefundDiffers(request, recorded),
      };
    const take = await tx.refunds.take(request.orderId, request.amountCents, now);
    let refund;
    if (take.kind === "taken") {
      const entry = await tx.wallets.refund(take.userId, request.amountCents, {
        id: deps.ids.next(),
        now,
        orderId: request.orderId,
        refundId: request.refundId,
      });
      refund = credited(request, take.userId, entry.balanceAfterCents);
    } else {
      refund = refused(request, take.payment);
    }
    await tx.refunds.save(refund, now);
    return { reply: partRefundReplyOf(refund), replayed: false, conflicting: false };
  });
}
