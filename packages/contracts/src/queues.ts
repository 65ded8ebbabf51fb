import {
  orderCancelled,
  orderRefunded,
  paymentPartRefunded,
  paymentPartRefundRefused,
  paymentRefundPart,
  stockRestock,
  stockRestocked,
} from "./after-sale";
import { couponRejected, couponRestore, couponRestored, couponUse, couponUsed } from "./coupon";
import type { MessageDefinition } from "./messages";
import { orderCompleted } from "./order-events";
import { paymentFailed, paymentPaid, paymentPay, paymentRefund, paymentRefunded } from "./payment";
import { productEvents } from "./product-events";
import { stockRejected, stockRelease, stockReleased, stockReserve, stockReserved } from "./stock";

/*
 * Every queue of the shop: its name (`<consuming service>.<purpose>`) and the messages it takes.
 * Both ends read them from here; @shop/messaging turns one into a declared queue (quorum,
 * delivery limit, dead-letter queue), so no service writes a queue name as a string.
 */

export interface QueueContract {
  readonly name: string;
  /** The message types (and versions) bound to the queue: its consumer handles exactly these. */
  readonly messages: readonly MessageDefinition[];
}

const defineQueue = (name: string, messages: readonly MessageDefinition[]): QueueContract =>
  Object.freeze({ name, messages: Object.freeze([...messages]) });

/** The checkout saga's commands to the stock step. */
export const PRODUCT_COMMANDS = defineQueue("product-service.commands", [
  stockReserve,
  stockRelease,
  stockRestock,
]);

/** The catalog's read models' projector: product events and completed orders. */
export const PRODUCT_PROJECTIONS = defineQueue("product-service.projections", [
  ...productEvents,
  orderCompleted,
  orderCancelled,
  orderRefunded,
]);

/** The checkout saga's commands to the coupon step. */
export const COUPON_COMMANDS = defineQueue("coupon-service.commands", [couponUse, couponRestore]);

/** The checkout saga's commands to the payment step. */
export const PAYMENT_COMMANDS = defineQueue("payment-service.commands", [
  paymentPay,
  paymentRefund,
  paymentRefundPart,
]);

/** Every participant's reply, to the orchestrator. */
export const ORDER_REPLIES = defineQueue("order-service.replies", [
  stockReserved,
  stockRejected,
  stockReleased,
  couponUsed,
  couponRejected,
  couponRestored,
  paymentPaid,
  paymentFailed,
  paymentRefunded,
  paymentPartRefunded,
  paymentPartRefundRefused,
  stockRestocked,
]);

/**
 * Completed, cancelled and refunded orders, recorded for the export to the data platform (apart
 * from the saga).
 */
export const ORDER_DATA_EXPORT = defineQueue("order-service.data-export", [
  orderCompleted,
  orderCancelled,
  orderRefunded,
]);
