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

/**
 * An export claimed for sending, and the lease its claim holds. The lease is named by its end
 * (`leaseUntil`, as the store wrote it) with the failed attempts it was claimed at: a later
 * claim always writes a later end, an outcome always changes one or the other (or settles the
 * export), so no two claims of one export ever hold the same lease.
 */
export interface PendingExport {
  order: ExportedOrder;
  /** Failed sends before this one. */
  attempts: number;
  /** When this claim's lease ends. */
  leaseUntil: Date;
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
