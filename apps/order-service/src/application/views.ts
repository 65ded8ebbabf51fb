import {
  fulfilmentOf,
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

export const orderView = (order: OrderRecord, saga: SagaState): OrderView => ({
  ...order,
  timeline: timelineOf(saga),
  fulfilment: fulfilmentOf(saga),
  returns: returnsOf(saga),
});
