import type { Clock } from "@shop/kernel";
import type { OrderReturnPayload } from "../domain/saga";

/*
 * The export to the external data platform of completed orders and of what happens to them after
 * the sale (cancellations and refunds). Two ports: the platform itself (an HTTP adapter in
 * production), and the store of exports still to send, which is what makes the export durable:
 * an order.completed, order.cancelled or order.refunded event is recorded here (and only then
 * acknowledged), and the export job sends what is due until the platform has it, however long it
 * is down, backing off between attempts. Checkout and refunds never wait for any of it.
 *
 * Both kinds of export go through the same store, job and outcomes (one table, one claim, one
 * lease, one backoff): an export is an `ExportItem`, keyed by its kind and its id (exportIdOf).
 */

/** A completed order as it leaves for the platform: what the order.completed event says. */
export interface ExportedOrder {
  orderId: string;
  userId: string;
  lines: { productId: string; quantity: number; unitPriceCents: number }[];
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  couponId: string | null;
  /** ISO 8601. */
  placedAt: string;
  completedAt: string;
}

/**
 * A cancellation or a refund as it leaves for the platform: what the order.cancelled or
 * order.refunded event says (its payload, @shop/contracts after-sale.ts), with the event's type
 * and id. The platform keeps one copy per event id: a second refund of one order is a second
 * event, a redelivery of one event is not.
 */
export type ExportedOrderEvent = OrderReturnPayload & {
  type: "cancelled" | "refunded";
  /** The event's envelope messageId. */
  eventId: string;
};

/**
 * One thing to export: a completed order (keyed by its order id, so a completion resent under a
 * new message id is still exported once), or an order event (keyed by its event id, the
 * envelope's messageId, as the platform deduplicates them).
 */
export type ExportItem =
  { kind: "order"; order: ExportedOrder } | { kind: "order-event"; event: ExportedOrderEvent };

export type ExportKind = ExportItem["kind"];

/** An export's id within its kind: what the platform deduplicates by (its Idempotency-Key). */
export const exportIdOf = (item: ExportItem): string =>
  item.kind === "order" ? item.order.orderId : item.event.eventId;

/** The order an export is about (for the log). */
export const orderIdOf = (item: ExportItem): string =>
  item.kind === "order" ? item.order.orderId : item.event.orderId;

export type SendOutcome =
  /** The platform has the export: taken now, or already had it (`duplicate`: same key before). */
  | { kind: "delivered"; duplicate: boolean }
  /** Not now (unreachable, timed out, 5xx, 408, 429): send it again later. */
  | { kind: "unavailable"; reason: string }
  /** Refused for good (any other 4xx): sending it again would be refused again. */
  | { kind: "refused"; reason: string };

export interface DataPlatform {
  /**
   * Sends one export under its id (exportIdOf) as the idempotency key, so sending it again (a
   * retry after a lost answer, two instances racing) leaves the platform with one copy. Never
   * throws: every failure is an outcome.
   */
  send(item: ExportItem): Promise<SendOutcome>;
}

/**
 * An export claimed for sending, and the lease its claim holds. The lease is named by its end
 * (`leaseUntil`, as the store wrote it) with the failed attempts it was claimed at: a later
 * claim always writes a later end, an outcome always changes one or the other (or settles the
 * export), so no two claims of one export ever hold the same lease.
 */
export interface PendingExport {
  item: ExportItem;
  /** Failed sends before this one. */
  attempts: number;
  /** When this claim's lease ends. */
  leaseUntil: Date;
}

export interface ExportStore {
  /**
   * Records an export, due at `now`. Once per kind and id (exportIdOf), decided by the store in
   * one statement (`INSERT ... ON CONFLICT DO NOTHING`): recording it again (a redelivered event)
   * changes nothing and answers false, whatever state its export is in. An order and an order
   * event never collide, whatever their ids.
   */
  record(item: ExportItem, now: Date): Promise<boolean>;
  /**
   * Claims up to `limit` pending exports due at `now`, soonest first, and moves their next
   * attempt to `leaseUntil` in the same statement (`FOR UPDATE SKIP LOCKED`): a concurrent
   * claim (another instance's job) never gets them while they are sent. If the sender dies,
   * they are due again when the lease ends. A claim only moves a lease forward: an export whose
   * next attempt is not before `leaseUntil` is not claimed.
   */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<PendingExport[]>;
  /**
   * The outcomes of a send, each written only by the holder of the export's current lease: one
   * statement changes the export only if it is still PENDING under the lease `claim` names
   * (`WHERE ... next_attempt_at = lease end AND attempts = attempts at the claim`). A send that
   * outlived its lease, after another claim took the export over, writes nothing and answers
   * false: its late outcome cannot mark FAILED what the new holder delivers, nor end the new
   * holder's lease early, nor undo a delivery. True if the outcome was written.
   */
  delivered(claim: PendingExport, at: Date): Promise<boolean>;
  /** One more failed attempt: sent again at `next`; the reason is kept for the operator. */
  retryLater(claim: PendingExport, next: Date, reason: string): Promise<boolean>;
  /** FAILED with the reason, never sent again (an operator can set it PENDING again). */
  refused(claim: PendingExport, at: Date, reason: string): Promise<boolean>;
  /**
   * Forgets up to `limit` exports DELIVERED before `before`, the oldest first; answers how many.
   * PENDING and FAILED ones are kept: the first are still to send, the second an operator's.
   */
  forgetDelivered(before: Date, limit: number): Promise<number>;
}

export interface ExportDeps {
  exports: ExportStore;
  platform: DataPlatform;
  clock: Clock;
}
