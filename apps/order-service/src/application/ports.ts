import type { Clock, IdGenerator, ReceivedMessage } from "@shop/kernel";
import type {
  Decision,
  OrderLineRequest,
  OrderStatus,
  SagaLogEntry,
  SagaState,
  OrderLineView,
  StepName,
} from "../domain/saga";

/*
 * What the use cases need from the outside. The store keeps the saga's one rule of concurrency
 * itself: a decision is saved only over the version it was decided from (`UPDATE saga ... WHERE
 * order_id = $1 AND version = $read`), in ONE transaction with the saga_log entries it added,
 * the order's columns, its commands in the outbox and the reply's inbox record. A decision made
 * from a stale read writes nothing and says so ("stale"): the caller reads again and decides
 * again, so no reply is ever lost and none is applied twice.
 */

/** A reply as it arrived: what the inbox deduplicates on. */
/** A reply as the saga store records it: its inbox key (the consumer, its queue, and its id). */
export type ReceivedReply = Pick<ReceivedMessage, "consumer" | "messageId">;

export interface NewOrder {
  orderId: string;
  userId: string;
  /** The BFF's key: a second order with the same (userId, idempotencyKey) is the first one. */
  idempotencyKey: string;
  /**
   * The version of the user's cart its lines were read at, when they come from the cart: the
   * order is written only if the cart is still at that version (and takes all its lines). Null
   * for an order placed with lines of its own (tests, benchmarks): the cart is left alone.
   */
  cartVersion: number | null;
  couponId: string | null;
  lines: OrderLineRequest[];
  placedAt: Date;
  /** The trace the order was placed in (W3C trace id), kept for the saga inspector's link. */
  traceId?: string | null;
}

export type CreateOutcome =
  /** The order, its lines, the saga and its first command were written together. */
  | { kind: "created"; orderId: string }
  /**
   * (userId, idempotencyKey) had an order already, or another order was placed from the same
   * cart version (a second tab, a second key): nothing written, this is that order's id.
   */
  | { kind: "existing"; orderId: string }
  /** The cart moved on from `cartVersion` and no order took that version: nothing written. */
  | { kind: "cart_changed" };

export type SaveOutcome =
  /** Written (or, for a decision that changed nothing, the version checked and the inbox recorded). */
  | "saved"
  /** The saga moved on since `from` was read: nothing written; read again and decide again. */
  | "stale"
  /** The inbox had this reply: it was processed by a committed transaction; nothing written. */
  | "duplicate";

export interface SaveOptions {
  /** The reply the decision answers; recorded in the inbox in the same transaction. */
  reply?: ReceivedReply;
  now: Date;
}

/** An order as the API reads it (the saga's state holds the rest). */
export interface OrderRecord {
  id: string;
  userId: string;
  status: OrderStatus;
  couponId: string | null;
  subtotalCents: number | null;
  discountCents: number;
  totalCents: number | null;
  reasonCode: string | null;
  reasonMessage: string | null;
  placedAt: Date;
  completedAt: Date | null;
  /** The trace the order was placed in; null when tracing was off. */
  traceId: string | null;
  /** Money its cancellation or refunds gave back so far. */
  refundedCents: number;
  lines: OrderLineView[];
}

export interface SagaStore {
  /**
   * Writes the order, its lines, its saga (`started`: the start decision) and the commands of
   * that decision in one transaction; or, when (userId, idempotencyKey) is taken (a retried or
   * double-clicked request, even one running at the same time), writes nothing and answers the
   * existing order. The unique key decides, not a read before the insert. With a `cartVersion`,
   * the cart's version moves on from it (`UPDATE carts ... WHERE version = $read`) and its lines
   * go, in the same transaction: of any number of orders placed from one version, one is
   * written and the others answer it; none is written when the cart changed since the read.
   */
  create(order: NewOrder, started: Decision): Promise<CreateOutcome>;
  /** The saga as last committed; null when there is no such order. */
  load(orderId: string): Promise<SagaState | null>;
  /**
   * Saves `decision`, decided from `from` (read at `from.version`): see the top. A decision
   * whose state is `from` itself (decide changed nothing) writes only the inbox record, after
   * checking that the saga is still at that version.
   */
  save(from: SagaState, decision: Decision, options: SaveOptions): Promise<SaveOutcome>;
  /**
   * Up to `limit` sagas whose deadline is at or before `now`, oldest deadline first, each locked
   * for this call (`FOR UPDATE SKIP LOCKED`: another instance running the same job takes other
   * sagas, never the same). `tick` decides each; its decisions are saved in the same transaction
   * (the locks make them current: no stale read). Returns how many were changed.
   */
  overdue(now: Date, limit: number, tick: (state: SagaState) => Decision): Promise<number>;
  /**
   * As `overdue`, for the sagas awaiting a step (a deadline set, passed or not) whose row last
   * changed before `before`: the resume after a restart, which asks each such step again. A
   * saga that moved since (a reply handled by this or another instance) is left alone.
   */
  waitingSince(
    before: Date,
    now: Date,
    limit: number,
    tick: (state: SagaState) => Decision,
  ): Promise<number>;
  /** The order as stored; null when there is none. */
  order(orderId: string): Promise<OrderRecord | null>;
  /** The saga's log as stored (saga_log), oldest first. */
  log(orderId: string): Promise<SagaLogEntry[]>;
  /** Where each of these orders stands and when it last moved; unknown ids are left out. */
  states(orderIds: readonly string[]): Promise<OrderStateRecord[]>;
  /** The order (user, key) placed; null when none did. */
  orderIdByKey(userId: string, idempotencyKey: string): Promise<string | null>;
  /** The order placed from the user's cart at `cartVersion`; null when none was. */
  orderFromCart(
    userId: string,
    cartVersion: number,
  ): Promise<{ orderId: string; placedAt: Date } | null>;
  /**
   * Orders newest first (placedAt DESC, then id DESC), at most `limit`; when `before` is given,
   * only those strictly after it in that order (`(placed_at, id) < (before)`), so a page that
   * ends inside a run of orders placed in the same millisecond is continued, not skipped; only
   * the user's, or only in the status, when given. Lines are left out (empty); `itemCount` says
   * how many items the order has.
   */
  orders(filter: OrderFilter): Promise<OrderSummaryRecord[]>;
  /**
   * Sagas still waiting for something (checkout not over, or a cancellation or refund under
   * way), oldest placed first, at most
   * `limit`, with how many there are in all: the operations console's "stuck?" list.
   */
  running(limit: number): Promise<{ total: number; sagas: RunningSaga[] }>;
}

export interface OrderStateRecord {
  id: string;
  status: OrderStatus;
  updatedAt: Date;
}

export interface RunningSaga {
  orderId: string;
  status: OrderStatus;
  step: StepName | null;
  deadline: Date | null;
  placedAt: Date;
  /** When the saga last moved. */
  updatedAt: Date;
}

/** An order's place in the lists: placedAt, then id (orders placed at once tie on placedAt). */
export interface OrderPosition {
  placedAt: Date;
  id: string;
}

export interface OrderFilter {
  userId?: string;
  status?: OrderStatus;
  /** The last order of the previous page. */
  before?: OrderPosition;
  limit: number;
}

export type OrderSummaryRecord = Omit<OrderRecord, "lines" | "traceId"> & { itemCount: number };

export interface CartLine {
  productId: string;
  quantity: number;
  addedAt: Date;
}

export type CartChange =
  | "changed"
  /** The line would pass MAX_CART_QUANTITY: nothing changed. */
  | "too_many"
  /** A new line would pass MAX_ORDER_LINES lines: nothing changed. */
  | "cart_full";

/** A cart as read at one version: placing an order from it requires the cart still there. */
export interface CartContents {
  /** Moves on with every change to the lines; 0 for a cart that never had one. */
  version: number;
  /** The first added first. */
  lines: CartLine[];
}

/**
 * The shoppers' carts. Each change is decided in the store, under the user's cart lock, so two
 * tabs adding at once can neither lose an add nor pass a limit; each change that changes a line
 * moves the cart's version on in the same transaction.
 */
export interface CartStore {
  /** The lines and the version they are at, read together. */
  read(userId: string): Promise<CartContents>;
  /** Adds `quantity` to the product's line (a new line if none). */
  add(userId: string, productId: string, quantity: number, now: Date): Promise<CartChange>;
  /** Sets the line's quantity (a new line if none); 0 removes it. */
  set(userId: string, productId: string, quantity: number, now: Date): Promise<CartChange>;
}

export interface OrderDeps {
  store: SagaStore;
  cart: CartStore;
  clock: Clock;
  ids: IdGenerator;
  /** How long each step of a new saga waits for its reply (default DEFAULT_STEP_TIMEOUT_MS). */
  stepTimeoutMs?: number;
}
