import { COUPON_COMMANDS_QUEUE, couponRestore, couponUse } from "@shop/contracts";
import {
  consumeMessages,
  handler,
  queue,
  receivedMessage,
  type Log,
  type QueueDefinition,
  type Subscription,
  type Transport,
} from "@shop/messaging";
import type { CouponDeps } from "../../../application/ports";
import { restoreCoupon } from "../../../application/restore-coupon";
import { useCoupon } from "../../../application/use-coupon";

/*
 * The saga's commands to this service. Each message is validated against its contract before
 * it gets here (a malformed one is dead-lettered with the reason, and the consumer goes on),
 * then handed to its use case, which handles it once (inbox) and commits the change with its
 * reply (outbox). A handler that throws (the database is down) is retried by the consumer and
 * dead-lettered after the queue's delivery limit.
 */

/** The command queue, bound to coupon.use and coupon.restore; tests pass a name of their own. */
export const couponCommandsQueue = (name: string = COUPON_COMMANDS_QUEUE): QueueDefinition =>
  queue(name, { bindings: [couponUse, couponRestore] });

export function couponCommandHandlers(deps: Pick<CouponDeps, "saga" | "clock">, log: Log) {
  return [
    handler(couponUse, async (message, ctx) => {
      const handled = await useCoupon(deps, receivedMessage(message, ctx), message.payload);
      log.info(
        { orderId: message.payload.orderId, messageId: message.messageId, ...handled },
        handled.duplicate ? "coupon.use seen before; nothing to do" : "coupon.use handled",
      );
    }),
    handler(couponRestore, async (message, ctx) => {
      const handled = await restoreCoupon(
        deps,
        receivedMessage(message, ctx),
        message.payload.orderId,
      );
      log.info(
        { orderId: message.payload.orderId, messageId: message.messageId, ...handled },
        handled.duplicate ? "coupon.restore seen before; nothing to do" : "coupon.restore handled",
      );
    }),
  ];
}

export interface CommandConsumerOptions {
  transport: Transport;
  deps: Pick<CouponDeps, "saga" | "clock">;
  log: Log;
  queue?: QueueDefinition;
  /** Commands handled at once per instance (each holds a database connection). Default 10. */
  prefetch?: number;
}

/** Consumes the command queue until the subscription closes (which drains the handlers in flight). */
export function consumeCouponCommands(options: CommandConsumerOptions): Promise<Subscription> {
  const q = options.queue ?? couponCommandsQueue();
  return consumeMessages(options.transport, q, couponCommandHandlers(options.deps, options.log), {
    log: options.log,
    prefetch: options.prefetch ?? 10,
  });
}
