import {
  createMessage,
  stockRejected,
  stockReleased,
  stockReserved,
  type Envelope,
} from "@shop/contracts";
import type { CommandRef } from "../../application/ports";
import type { StockReply } from "../../domain/reservation";

/** The reply envelope to a command: same saga (correlation id), caused by the command. */
export function replyEnvelope(command: CommandRef, reply: StockReply, at: Date): Envelope {
  const options = {
    correlationId: command.correlationId,
    causationId: command.messageId,
    occurredAt: at,
  };
  switch (reply.kind) {
    case "reserved":
      return createMessage(stockReserved, { orderId: reply.orderId, lines: reply.lines }, options);
    case "rejected": {
      const { kind: _kind, ...payload } = reply;
      return createMessage(stockRejected, payload, options);
    }
    case "released":
      return createMessage(stockReleased, { orderId: reply.orderId }, options);
  }
}
