import { SAGA_ID } from "@shop/service-kit/trace-context";
import { ORDER_REPLIES } from "@shop/contracts";
import { deadLetter, handler, type Log } from "@shop/messaging";
import { handleReply } from "../../../application/handle-reply";
import type { OrderDeps } from "../../../application/ports";
import { sagaReplyOf } from "./replies";

/**
 * The handlers of the contracts' ORDER_REPLIES queue, every participant's reply to the saga.
 * @shop/messaging's consumer has checked each against its contract; sagaReplyOf checks it
 * against its saga, and a reply that can never be handled is dead-lettered with the reason.
 * handleReply records the reply in the inbox with its decision. A reply that throws (the
 * database is down, a save stale 20 times) is retried, then dead-lettered by the delivery limit.
 * Several instances consume the queue as competing consumers: the saga store's versioned save
 * keeps them apart.
 */
export const replyHandlers = (deps: OrderDeps, log: Log) =>
  ORDER_REPLIES.messages.map((definition) =>
    handler(definition, async (message, { received }) => {
      const parsed = sagaReplyOf(message);
      if (!parsed.ok) return deadLetter("invalid_reply", parsed.reason);
      const outcome = await handleReply(deps, parsed.reply, received);
      if (outcome.kind === "unknown-order")
        log.warn(
          { type: message.type, ...received, [SAGA_ID]: message.correlationId },
          "reply for an unknown order ignored",
        );
      return outcome;
    }),
  );
