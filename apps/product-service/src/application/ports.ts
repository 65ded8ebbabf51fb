import type { Clock, CommandRunner, Handled, IdGenerator } from "@shop/kernel";
import type { Product } from "../domain/product";
import type { OrderLine, OrderStock, ReservedLine, StockReply } from "../domain/reservation";
import type { CompletedOrder, Day, ReturnedSale, SalesWindow } from "../domain/sales";

export interface Category {
  slug: string;
  name: string;
  description: string;
}

export type ProductSort = "newest" | "popular" | "price_asc" | "price_desc" | "name";

export interface ProductFilter {
  q?: string | undefined;
  category?: string | undefined;
  minPriceCents?: number | undefined;
  maxPriceCents?: number | undefined;
  status: "active" | "archived" | "all";
  sort: ProductSort;
  page: number;
  pageSize: number;
}

export interface ProductWithCategory extends Product {
  categoryName: string;
}

export interface ProductListing {
  items: ProductWithCategory[];
  /** Matches, counted up to countLimitOf(filter) (domain/listing.ts) and no further. */
  total: number;
}

/** Outcome of a guarded stock move, decided atomically by the store. */
export type StockMove =
  | { kind: "moved"; product: ProductWithCategory }
  | { kind: "not-found" }
  | { kind: "insufficient"; available: number }
  | { kind: "over-limit"; available: number };

/** A write's outcome: the product as saved (with its new version), or why nothing was written. */
export type Saved<Refusal extends string> =
  { kind: "saved"; product: ProductWithCategory } | { kind: Refusal };

/**
 * The command side's products. Every write that changes a product makes its version one more in
 * the same statement, and commits its event (the product's new state with that version:
 * product.created / updated / archived / stock-changed) to the outbox and the event history in
 * the same transaction: a change is published if and only if it is committed.
 */
export interface ProductRepository {
  /** Inserts at version 1; "slug-taken" when another product already has the slug. */
  insert(product: Product): Promise<Saved<"slug-taken">>;
  /**
   * Replaces the editable fields of an active product whose version is still `expectedVersion`,
   * checked in the same statement (WHERE id AND version AND active), never read-then-write:
   * "stale" when it changed since, "archived" when it was archived (or does not exist),
   * "slug-taken" when the new slug is someone else's.
   */
  update(
    product: Product,
    expectedVersion: number,
  ): Promise<Saved<"slug-taken" | "archived" | "stale">>;
  /**
   * Sets the status to archived (the one way a product leaves the storefront), in one statement
   * that also checks `expectedVersion` when given: "stale" if it moved, "already-archived" when
   * there is nothing to do, "not-found" for an unknown id.
   */
  archive(
    id: string,
    now: Date,
    expectedVersion?: number,
  ): Promise<Saved<"stale" | "already-archived" | "not-found">>;
  /** The product as the command side holds it now (for the admin use cases that change it). */
  findById(id: string): Promise<ProductWithCategory | null>;
  /** stock += delta only if the result stays within 0..MAX_STOCK, as one atomic step. */
  moveStock(id: string, delta: number, now: Date): Promise<StockMove>;
}

/**
 * The query side's catalog view: what the storefront's listing, search and product pages read.
 * Fed only by product events (its copy may trail the command side by the time an event takes to
 * arrive); it never reads a command table.
 */
export interface CatalogView {
  /**
   * One page of the products matching `filter`, and how many match up to countLimitOf(filter)
   * (min(matches, limit), from a statement that stops reading at the limit). `sort: "popular"`
   * orders by units sold on `salesDays` (the popular products' window, oldest first), most
   * first, then by product id, as SalesView.top does: products that sold nothing come last, so
   * every product is still listed once. Other sorts ignore `salesDays`.
   */
  list(filter: ProductFilter, salesDays: readonly Day[]): Promise<ProductListing>;
  findById(id: string): Promise<ProductWithCategory | null>;
  findBySlug(slug: string): Promise<ProductWithCategory | null>;
}

/**
 * A product's sales over some days, net of cancellations and refunds (domain/sales.ts netOf, per
 * day): `units` and `revenueCents` are what was sold less what was returned; `returnedUnits` and
 * `returnedRevenueCents` what was returned of those days' sales. Revenue is gross: quantity x
 * the unit price sold at, before any coupon, for sales and returns alike.
 */
export interface ProductSales {
  product: ProductWithCategory;
  units: number;
  revenueCents: number;
  returnedUnits: number;
  returnedRevenueCents: number;
}

export interface DailyUnits {
  day: Day;
  productId: string;
  /** Net of the units returned of that day's sales. */
  units: number;
}

/** The query side's sales: units per product per day, from completed orders, net of returns. */
export interface SalesView {
  /**
   * The `limit` products with the most units sold on `days` (a window of calendar days, oldest
   * first), net of returns, most first, ties by product id; only products with net units above
   * 0 that the view holds, active ones unless `includeArchived`.
   */
  top(days: readonly Day[], limit: number, includeArchived: boolean): Promise<ProductSales[]>;
  /** Units per day of `days` for these products (days without a sale are absent). */
  daily(days: readonly Day[], productIds: readonly string[]): Promise<DailyUnits[]>;
}

/** What a product event carries: the product's whole state after a change, with its version. */
export type ProductState = ProductWithCategory;

/** Writes to the read models, on one transaction. */
export interface ReadModelWriter {
  /** Stores the product's state only if its version is newer than the view's (in the statement). */
  applyProduct(state: ProductState): Promise<boolean>;
  /** Adds the order's lines to the units of `day` (the caller counts each order once). */
  addSales(order: CompletedOrder, day: Day): Promise<void>;
  /**
   * Adds the returned lines to the returned units and revenue of `day` (the day they were sold
   * on; the caller counts each return once). Sales and returns are kept apart and only ever
   * added to, so the figures do not depend on the order the events arrive in.
   */
  addReturns(returned: ReturnedSale, day: Day): Promise<void>;
}

/** One event of the history, in the order it was recorded. */
export type HistoryEvent =
  | { kind: "product"; state: ProductState }
  | { kind: "order-completed"; order: CompletedOrder }
  | { kind: "order-returned"; returned: ReturnedSale };

/** The projector's store: the read models and, for consumed events, the event history. */
export interface ReadModelStore {
  /** Applies a product event (see ReadModelWriter.applyProduct): true if the view changed. */
  applyProduct(state: ProductState): Promise<boolean>;
  /**
   * Appends a consumed order.completed to the event history and adds its lines to the daily
   * sales, in one transaction, once per order id (a unique key on the history): a redelivered
   * or re-sent event is a "duplicate" and counts nothing.
   */
  recordCompletedOrder(
    order: CompletedOrder,
    event: unknown,
    day: Day,
  ): Promise<"counted" | "duplicate">;
  /**
   * Appends a consumed order.cancelled or order.refunded to the event history and adds its lines
   * to the returned units of `day`, in one transaction, once per message id and once per refund
   * id (unique keys on the history): a redelivered or re-sent event is a "duplicate" and takes
   * nothing off.
   */
  recordReturn(returned: ReturnedSale, event: unknown, day: Day): Promise<"counted" | "duplicate">;
  /**
   * Empties every read model and replays the whole event history through `apply`, in order, in
   * one transaction: readers see the old read models until it commits, then the rebuilt ones.
   */
  rebuild(
    apply: (event: HistoryEvent, writer: ReadModelWriter) => Promise<void>,
  ): Promise<{ events: number }>;
}

export interface CategoryRepository {
  list(): Promise<Category[]>;
  exists(slug: string): Promise<boolean>;
}

/** Outcome of taking stock for every line of an order, decided atomically by the store. */
export type LinesTaken =
  | { kind: "taken"; lines: ReservedLine[] }
  | { kind: "unavailable"; productId: string }
  | { kind: "short"; productId: string; available: number };

/** The stock step's records, inside the transaction of one command. */
export interface ReservationStore {
  /**
   * Takes the order's lock until the transaction ends, so commands for one order (a reserve
   * and its release, or one re-sent) run one after another, then reads the order's record.
   */
  lockOrder(orderId: string): Promise<OrderStock | null>;
  /**
   * Takes every line's quantity from its product's stock and records it as the order's
   * reservation, or takes nothing: each line is one conditional update of its product (active,
   * enough stock: the same guard as moveStock), in product id order so concurrent reserves
   * lock rows in one order; if any line fails, the lines taken before it are rolled back in
   * the same transaction. Prices and names are the product rows' own.
   */
  takeLines(orderId: string, lines: readonly OrderLine[], now: Date): Promise<LinesTaken>;
  /** Gives back every quantity recorded for the order, once per call (the caller checks the state). */
  returnLines(orderId: string, now: Date): Promise<void>;
  /** Writes the order's record, replacing the one it had. */
  saveOrder(record: OrderStock, now: Date): Promise<void>;
  /**
   * Records refund `refundId`'s restock and adds each line's quantity to its product's stock,
   * only if the refund has no record yet (its primary key, checked by the insert itself, not by
   * a read before it): "restocked", or "already" when it was restocked before and nothing moved.
   * Each product's stock grows in one statement (stock = stock + n, rows locked in product id
   * order); never refused: an archived product takes its units back, and the stock may pass
   * MAX_STOCK (as returnLines). A product that does not exist has no stock to take them.
   */
  restock(
    refundId: string,
    orderId: string,
    lines: readonly OrderLine[],
    now: Date,
  ): Promise<"restocked" | "already">;
}

/** A stock command handled once: a redelivery, or the reply it was answered with. */
export type HandledCommand = Handled<{ reply: StockReply }>;

export interface ProductDeps {
  products: ProductRepository;
  categories: CategoryRepository;
  /** The sagas' stock commands: inbox, stock change and reply in one transaction each. */
  saga: CommandRunner<ReservationStore, StockReply>;
  catalog: CatalogView;
  sales: SalesView;
  readModels: ReadModelStore;
  /** The popular products' window ("the last 3 days", UTC by default: env.ts). */
  salesWindow: SalesWindow;
  clock: Clock;
  ids: IdGenerator;
}
