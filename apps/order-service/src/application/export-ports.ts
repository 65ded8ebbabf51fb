import type { Clock } from "@shop/kernel";

/*
 * The export of completed orders to the external data platform. Two ports: the platform itself
 * (an HTTP adapter in production), and the store of exports still to send, which is what makes
 * the export durable: an order.completed event is recorded here (and only then acknowledged),
 * and the export job sends what is due until the platform has it, however long it is down,
 * backing off between attempts. Checkout never waits for any of it.
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

export type SendOutcome =
  /** The platform has the order: taken now, or already had it (`duplicate`: same key before). */
  | { kind: "delivered"; duplicate: boolean }
  /** Not now (unreachable, timed out, 5xx, 408, 429): send it again later. */
  | { kind: "unavailable"; reason: string }
  /** Refused for good (any other 4xx): sending it again would be refused again. */
  | { kind: "refused"; reason: string };

export interface DataPlatform {
  /**
   * Sends one order under its id as the idempotency key, so sending an order again (a retry
   * after a lost answer, two instances racing) leaves the platform with one copy. Never throws:
   * every failure is an outcome.
   */
  send(order: ExportedOrder): Promise<SendOutcome>;
}

/** An export claimed for sending. */
export interface PendingExport {
  order: ExportedOrder;
  /** Failed sends before this one. */
  attempts: number;
}

export interface ExportStore {
  /**
   * Records an order to export, due at `now`. Once per order id, decided by the store in one
   * statement (`INSERT ... ON CONFLICT DO NOTHING`): recording an order again (a redelivered
   * event) changes nothing and answers false, whatever state its export is in.
   */
  record(order: ExportedOrder, now: Date): Promise<boolean>;
  /**
   * Claims up to `limit` pending exports due at `now`, soonest first, and moves their next
   * attempt to `leaseUntil` in the same statement (`FOR UPDATE SKIP LOCKED`): a concurrent
   * claim (another instance's job) never gets them while they are sent. If the sender dies,
   * they are due again when the lease ends.
   */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<PendingExport[]>;
  /**
   * The outcomes of a send. Each changes only a PENDING export (`WHERE status = 'PENDING'`), so
   * a late outcome (a send that outlived its lease while another delivered it) cannot undo one.
   */
  delivered(orderId: string, at: Date): Promise<void>;
  /** One more failed attempt: sent again at `next`; the reason is kept for the operator. */
  retryLater(orderId: string, next: Date, reason: string): Promise<void>;
  /** FAILED with the reason, never sent again (an operator can set it PENDING again). */
  refused(orderId: string, at: Date, reason: string): Promise<void>;
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
