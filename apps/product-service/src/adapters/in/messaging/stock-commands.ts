import { PRODUCT_COMMANDS_QUEUE, stockRelease, stockReserve } from "@shop/contracts";
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
import type { ProductDeps } from "../../../application/ports";
import { releaseStock } from "../../../application/release-stock";
import { reserveStock } from "../../../application/reserve-stock";

/*
 * The saga's commands to this service. Each message is validated against its contract before
 * it gets here (a malformed one is dead-lettered with the reason, and the consumer goes on),
 * then handed to its use case, which handles it once (inbox) and commits the change with its
 * reply (outbox). A handler that throws (the database is down) is retried by the consumer and
 * dead-lettered after the queue's delivery limit.
 */

/** The command queue, bound to stock.reserve and stock.release; tests pass a name of their own. */
export const stockCommandsQueue = (name: string = PRODUCT_COMMANDS_QUEUE): QueueDefinition =>
  queue(name, { bindings: [stockReserve, stockRelease] });

type SagaDeps = Pick<ProductDeps, "saga" | "clock">;

export function stockCommandHandlers(deps: SagaDeps, log: Log) {
  return [
    handler(stockReserve, async (message, ctx) => {
      const handled = await reserveStock(deps, receivedMessage(message, ctx), message.payload);
      log.info(
        { orderId: message.payload.orderId, messageId: message.messageId, ...handled },
        handled.duplicate ? "stock.reserve seen before; nothing to do" : "stock.reserve handled",
      );
    }),
    handler(stockRelease, async (message, ctx) => {
      const handled = await releaseStock(
        deps,
        receivedMessage(message, ctx),
        message.payload.orderId,
      );
      log.info(
        { orderId: message.payload.orderId, messageId: message.messageId, ...handled },
        handled.duplicate ? "stock.release seen before; nothing to do" : "stock.release handled",
      );
    }),
  ];
}

export interface CommandConsumerOptions {
  transport: Transport;
  deps: SagaDeps;
  log: Log;
  queue?: QueueDefinition;
  /** Commands handled at once per instance (each holds a database connection). Default 10. */
  prefetch?: number;
}

/** Consumes the command queue until the subscription closes (which drains the handlers in flight). */
export function consumeStockCommands(options: CommandConsumerOptions): Promise<Subscription> {
  const q = options.queue ?? stockCommandsQueue();
  return consumeMessages(options.transport, q, stockCommandHandlers(options.deps, options.log), {
    log: options.log,
    prefetch: options.prefetch ?? 10,
  });
}
