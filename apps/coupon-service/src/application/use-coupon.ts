import type { ReceivedMessage } from "@shop/kernel";
import { decideUse, replayUse, type UseAnswer, type UseRequest } from "../domain/redemption";
import type { CouponDeps, HandledCommand, RedemptionStore } from "./ports";

/**
 * The saga's "use coupon" command, handled once per message (inbox) and idempotent per order
 * (the order's record, domain/redemption.ts): the change, the record and the reply commit in
 * one transaction.
 */
export function useCoupon(
  deps: Pick<CouponDeps, "saga" | "clock">,
  command: ReceivedMessage,
  request: UseRequest,
): Promise<HandledCommand> {
  return deps.saga.handle(command, async (store) => ({
    reply: await applyUse(store, request, deps.clock.now()),
  }));
}

/** The use itself, on the command's transaction. */
export async function applyUse(
  store: RedemptionStore,
  request: UseRequest,
  now: Date,
): Promise<UseAnswer> {
  const { orderId, couponId } = request;
  const record = await store.lockOrder(orderId);
  if (record) return replayUse(record, request);

  const coupon = await store.lockCoupon(couponId);
  const decision = decideUse(request, coupon, now);
  if (decision.kind === "use" && (await store.putOnOrder(couponId, orderId, now))) {
    const { discountCents } = decision;
    await store.saveRedemption({ orderId, state: "used", couponId, discountCents }, now);
    return { kind: "used", orderId, couponId, discountCents };
  }
  // Refused, or (with the coupon locked, only if another writer skipped the lock) taken meanwhile.
  const reason = decision.kind === "reject" ? decision.reason : "ALREADY_USED";
  await store.saveRedemption({ orderId, state: "rejected", couponId, reason }, now);
  return { kind: "rejected", orderId, couponId, reason };
}
