import { couponRestore, couponUse } from "@shop/contracts";
import { handler } from "@shop/messaging";
import type { CouponDeps } from "../../../application/ports";
import { restoreCoupon } from "../../../application/restore-coupon";
import { useCoupon } from "../../../application/use-coupon";

/*
 * The saga's commands to this service (contracts' COUPON_COMMANDS), each to its use case.
 * @shop/messaging's consumer has validated the message against its contract (a malformed one
 * is dead-lettered with the reason before it gets here); the use case handles it once (inbox)
 * and commits the change with its reply (outbox). A handler that throws is retried, then
 * dead-lettered by the queue's delivery limit.
 */
export const couponCommandHandlers = (deps: Pick<CouponDeps, "saga" | "clock">) => [
  handler(couponUse, (m, { received }) => useCoupon(deps, received, m.payload)),
  handler(couponRestore, (m, { received }) => restoreCoupon(deps, received, m.payload.orderId)),
];
