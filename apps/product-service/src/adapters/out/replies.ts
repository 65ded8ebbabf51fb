import {
  createReply,
  stockRejected,
  stockReleased,
  stockReserved,
  stockRestocked,
  type Envelope,
} from "@shop/contracts";
import type { ReceivedMessage } from "@shop/kernel";
import type { StockReply } from "../../domain/reservation";

/** The domain's answer to a command as its contract's reply, in the command's saga. */
export function replyMessage(to: ReceivedMessage, reply: StockReply, at: Date): Envelope {
  switch (reply.kind) {
    case "reserved":
      return createReply(to, stockReserved, { orderId: reply.orderId, lines: reply.lines }, at);
    case "rejected": {
      const { kind: _kind, ...payload } = reply;
      return createReply(to, stockRejected, payload, at);
    }
    case "released":
      return createReply(to, stockReleased, { orderId: reply.orderId }, at);
    case "restocked":
      return createReply(
        to,
        stockRestocked,
        { orderId: reply.orderId, refundId: reply.refundId },
        at,
      );
  }
}
