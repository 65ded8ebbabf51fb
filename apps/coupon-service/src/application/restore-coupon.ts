import type { ReceivedMessage } from "@shop/kernel";
import type { CouponDeps, CouponReply, HandledCommand, RedemptionStore } from "./ports";

/**
 * The saga's compensation: give back the coupon used for an order. Handled once per message and
 * idempotent per order; always answered "restored" (domain/redemption.ts has the rules).
 */
export function restoreCoupon(
  deps: Pick<CouponDeps, "saga" | "clock">,
  command: ReceivedMessage,
  orderId: string,
): Promise<HandledCommand> {
  return deps.saga.handle(command, async (store) => ({
    reply: await applyRestore(store, orderId, deps.clock.now()),
  }));
}

export async function applyRestore(
  store: RedemptionStore,
  orderId: string,
  now: Date,
): Promise<CouponReply> {
  const record = await store.lockOrder(orderId);
  if (!record) {
    // Nothing used yet: remember the restore, so a use arriving late is refused.
    await store.saveRedemption({ orderId, state: "restored-before-use" }, now);
  } else if (record.state === "used") {
    await store.takeOffOrder(record.couponId, orderId);
    await store.saveRedemption({ ...record, state: "restored" }, now);
  }
  // rejected, restored, restored-before-use: nothing was on the order, or it is off already.
  return { kind: "restored", orderId };
}
