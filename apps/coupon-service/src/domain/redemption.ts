import { phaseAt } from "./campaign";
import type { CouponWithCampaign } from "./coupon";
import { discountFor } from "@shop/kernel";

/*
 * The saga's coupon step, idempotent per order id. Each order's first use or restore command
 * leaves a record (a Redemption); every later command for that order is answered from it:
 *
 * - use, first time: the coupon goes on the order (used), or the command is rejected with a
 *   reason (rejected). Both are recorded, so the same order asking again gets the same answer
 *   even if the coupon's situation changed meanwhile (an answer that flipped from "rejected" to
 *   "used" would leave a coupon stuck on an order the saga already gave up on).
 * - use, again: the recorded answer (used with its discount, or the same rejection).
 * - restore of a used order: the coupon comes off the order (available again for its owner,
 *   unless its campaign has ended) and the record becomes restored. Again: nothing changes.
 * - restore of a rejected order: nothing was used; nothing changes.
 * - restore first (the saga compensated before the use arrived, e.g. it timed out the step):
 *   recorded as restored-before-use, and a use arriving after it is rejected ORDER_RESTORED,
 *   so a late use can never put a coupon on a cancelled order.
 * - use after a restore (either kind): rejected ORDER_RESTORED, nothing changes.
 * A restore is always answered "restored": compensations never fail for business reasons.
 */

export type RejectReason =
  "NOT_FOUND" | "NOT_YOURS" | "ALREADY_USED" | "EXPIRED" | "BELOW_MINIMUM" | "ORDER_RESTORED";

export type Redemption =
  | { orderId: string; state: "used"; couponId: string; discountCents: number }
  | { orderId: string; state: "rejected"; couponId: string; reason: RejectReason }
  | { orderId: string; state: "restored"; couponId: string; discountCents: number }
  | { orderId: string; state: "restored-before-use" };

export interface UseRequest {
  couponId: string;
  orderId: string;
  /** The order's user, as the order service took it from the verified credential. */
  userId: string;
  orderAmountCents: number;
}

export type UseAnswer =
  | { kind: "used"; orderId: string; couponId: string; discountCents: number }
  | { kind: "rejected"; orderId: string; couponId: string; reason: RejectReason };

/** A use decided for the first time for its order: apply it, or refuse it and why. */
export type UseDecision =
  { kind: "use"; discountCents: number } | { kind: "reject"; reason: RejectReason };

/**
 * Whether `coupon` may go on the order, checked in this order: it exists, it is the order's
 * user's, it is on no other order, its campaign is open, the order reaches the minimum.
 */
export function decideUse(
  request: UseRequest,
  coupon: CouponWithCampaign | null,
  now: Date,
): UseDecision {
  if (!coupon) return { kind: "reject", reason: "NOT_FOUND" };
  if (coupon.userId !== request.userId) return { kind: "reject", reason: "NOT_YOURS" };
  if (coupon.usedOrderId !== null) return { kind: "reject", reason: "ALREADY_USED" };
  if (phaseAt(coupon.campaign, now) !== "open") return { kind: "reject", reason: "EXPIRED" };
  if (request.orderAmountCents < coupon.campaign.minOrderCents)
    return { kind: "reject", reason: "BELOW_MINIMUM" };
  return {
    kind: "use",
    discountCents: discountFor(coupon.campaign.discount, request.orderAmountCents),
  };
}

/** The answer to a use command for an order that already has a record. */
export function replayUse(record: Redemption, request: UseRequest): UseAnswer {
  switch (record.state) {
    case "used":
      return {
        kind: "used",
        orderId: record.orderId,
        couponId: record.couponId,
        discountCents: record.discountCents,
      };
    case "rejected":
      return {
        kind: "rejected",
        orderId: record.orderId,
        couponId: record.couponId,
        reason: record.reason,
      };
    case "restored":
    case "restored-before-use":
      return {
        kind: "rejected",
        orderId: record.orderId,
        couponId: request.couponId,
        reason: "ORDER_RESTORED",
      };
  }
}
