import {
  fulfilmentOf,
  refundTotals,
  returnsOf,
  type Fulfilment,
  type ReturnState,
  type SagaLogEntry,
  type SagaState,
} from "../domain/saga";
import { timelineOf, type TimelineStep } from "../domain/timeline";
import type { OrderRecord } from "./ports";

/** An order as its shopper sees it: the record and the saga's timeline. */
export interface OrderView extends OrderRecord {
  timeline: TimelineStep[];
  fulfilment: Fulfilment;
  /** Its cancellation and refunds, oldest first. */
  returns: ReturnState[];
}

/** An order as an admin sees it: also the saga's whole log and where it stands. */
export interface AdminOrderView extends OrderView {
  log: SagaLogEntry[];
  saga: { version: number; step: string | null; deadline: string | null };
}

/**
 * The order row is read before the saga (never a state ahead of its timeline), so the money
 * given back is the saga's: the refunds listed and the total they add up to come from one read.
 */
export const orderView = (order: OrderRecord, saga: SagaState): OrderView => ({
  ...order,
  refundedCents: refundTotals(saga).refundedCents,
  timeline: timelineOf(saga),
  fulfilment: fulfilmentOf(saga),
  returns: returnsOf(saga),
});
