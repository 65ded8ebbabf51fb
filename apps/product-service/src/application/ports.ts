import type { Clock, IdGenerator } from "@shop/kernel";
import type { Product } from "../domain/product";
import type { OrderLine, OrderStock, ReservedLine, StockReply } from "../domain/reservation";

export interface Category {
  slug: string;
  name: string;
  description: string;
}

export type ProductSort = "newest" | "price_asc" | "price_desc" | "name";

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
  total: number;
}

/** Outcome of a guarded stock move, decided atomically by the store. */
export type StockMove =
  | { kind: "moved"; product: ProductWithCategory }
  | { kind: "not-found" }
  | { kind: "insufficient"; available: number }
  | { kind: "over-limit"; available: number };

export interface ProductRepository {
  /** Inserts; "slug-taken" when another product already has the slug. */
  insert(product: Product): Promise<"ok" | "slug-taken">;
  /**
   * Replaces the editable fields of an active product: "slug-taken" when the new slug is
   * someone else's, "archived" when the product was archived meanwhile (checked in the same
   * statement, so an edit racing an archive cannot bring the product back).
   */
  update(product: Product): Promise<"ok" | "slug-taken" | "archived">;
  /** Sets the status to archived (the one way a product leaves the storefront). */
  archive(id: string, now: Date): Promise<void>;
  findById(id: string): Promise<ProductWithCategory | null>;
  findBySlug(slug: string): Promise<ProductWithCategory | null>;
  list(filter: ProductFilter): Promise<ProductListing>;
  /** stock += delta only if the result stays >= 0, as one atomic step. */
  moveStock(id: string, delta: number, now: Date): Promise<StockMove>;
}

export interface CategoryRepository {
  list(): Promise<Category[]>;
  exists(slug: string): Promise<boolean>;
}

/** Which command message is being handled: the inbox key, and the saga its reply belongs to. */
export interface CommandRef {
  /** The queue it came from (the inbox's consumer). */
  consumer: string;
  messageId: string;
  /** The saga (order) id: the reply carries it back. */
  correlationId: string;
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
}

export type HandledCommand = { duplicate: true } | { duplicate: false; reply: StockReply };

export interface SagaCommands {
  /**
   * Handles one command message in one transaction: records it in the inbox (a message seen
   * before returns `duplicate` and runs nothing: its change and reply committed the first time),
   * runs `work`, and appends the reply `work` returns to the outbox, addressed to the command's
   * saga. All of it commits, or none of it does.
   */
  handle(
    command: CommandRef,
    work: (store: ReservationStore) => Promise<StockReply>,
  ): Promise<HandledCommand>;
}

export interface ProductDeps {
  products: ProductRepository;
  categories: CategoryRepository;
  saga: SagaCommands;
  clock: Clock;
  ids: IdGenerator;
}
