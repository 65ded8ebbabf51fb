import { countLimitOf } from "../../../domain/listing";
import { canMoveStock, type Product } from "../../../domain/product";
import type {
  Category,
  CategoryRepository,
  ProductFilter,
  ProductListing,
  ProductRepository,
  ProductWithCategory,
  Saved,
  StockMove,
} from "../../../application/ports";

/** In-memory adapters of the ports, for use-case tests: same contract, no database. */
export class InMemoryCategoryRepository implements CategoryRepository {
  constructor(readonly categories: Category[] = []) {}
  async list() {
    return [...this.categories];
  }
  async exists(slug: string) {
    return this.categories.some((c) => c.slug === slug);
  }
}

type Compare = (a: Product, b: Product) => number;

const COMPARE: Record<Exclude<ProductFilter["sort"], "popular">, Compare> = {
  newest: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id),
  price_asc: (a, b) => a.priceCents - b.priceCents || a.id.localeCompare(b.id),
  price_desc: (a, b) => b.priceCents - a.priceCents || b.id.localeCompare(a.id),
  name: (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id.localeCompare(b.id)),
};

/**
 * The command side in memory. Each change bumps the version and hands the product's new state
 * to `published` (what the outbox would carry), in the same step.
 */
export class InMemoryProductRepository implements ProductRepository {
  readonly rows = new Map<string, Product>();
  /** Every event "published", in order: the product's state after each change. */
  readonly events: { type: string; state: ProductWithCategory }[] = [];
  private readonly listeners: ((state: ProductWithCategory) => void)[] = [];
  constructor(private readonly categories: InMemoryCategoryRepository) {}

  /** Called with each published state (memoryDeps feeds the in-memory read models with it). */
  onPublish(listener: (state: ProductWithCategory) => void) {
    this.listeners.push(listener);
  }

  private withCategory(p: Product): ProductWithCategory {
    const name = this.categories.categories.find((c) => c.slug === p.categorySlug)?.name ?? "";
    return { ...p, categoryName: name };
  }

  /** Stores the row and publishes its state as `type`. */
  publish(type: string, p: Product): ProductWithCategory {
    this.rows.set(p.id, p);
    const state = this.withCategory(p);
    this.events.push({ type, state });
    for (const l of this.listeners) l(state);
    return state;
  }

  private slugTaken(p: Product) {
    return [...this.rows.values()].some((r) => r.slug === p.slug && r.id !== p.id);
  }

  async insert(p: Product): Promise<Saved<"slug-taken">> {
    if (this.slugTaken(p)) return { kind: "slug-taken" };
    return { kind: "saved", product: this.publish("product.created", { ...p, version: 1 }) };
  }

  async update(
    p: Product,
    expectedVersion: number,
  ): Promise<Saved<"slug-taken" | "archived" | "stale">> {
    const current = this.rows.get(p.id);
    if (!current || current.status !== "active") return { kind: "archived" };
    if (current.version !== expectedVersion) return { kind: "stale" };
    if (this.slugTaken(p)) return { kind: "slug-taken" };
    const next = {
      ...p,
      stock: current.stock,
      status: current.status,
      version: current.version + 1,
    };
    return { kind: "saved", product: this.publish("product.updated", next) };
  }

  async archive(
    id: string,
    now: Date,
    expectedVersion?: number,
  ): Promise<Saved<"stale" | "already-archived" | "not-found">> {
    const current = this.rows.get(id);
    if (!current) return { kind: "not-found" };
    if (current.status === "archived") return { kind: "already-archived" };
    if (expectedVersion !== undefined && current.version !== expectedVersion)
      return { kind: "stale" };
    const next = {
      ...current,
      status: "archived" as const,
      updatedAt: now,
      version: current.version + 1,
    };
    return { kind: "saved", product: this.publish("product.archived", next) };
  }

  async findById(id: string) {
    const p = this.rows.get(id);
    return p ? this.withCategory(p) : null;
  }

  async moveStock(id: string, delta: number, now: Date): Promise<StockMove> {
    const p = this.rows.get(id);
    if (!p) return { kind: "not-found" };
    if (!canMoveStock(p.stock, delta))
      return { kind: delta < 0 ? "insufficient" : "over-limit", available: p.stock } as const;
    const moved = { ...p, stock: p.stock + delta, updatedAt: now, version: p.version + 1 };
    return { kind: "moved", product: this.publish("product.stock-changed", moved) };
  }
}

/** Most units first, then by id (as the SQL view and SalesView.top order them). */
const byUnits =
  (unitsOf: (productId: string) => number): Compare =>
  (a, b) =>
    unitsOf(b.id) - unitsOf(a.id) || a.id.localeCompare(b.id);

/**
 * A listing over products, as the catalog view answers it (shared by the in-memory view);
 * `unitsOf` gives a product's units sold in the window, for the "popular" sort. A search here is
 * a substring of the name or description, in the order asked: PostgreSQL's also finds words by
 * their stem and misspelt names, and orders a search by relevance unless a sort is chosen
 * (adapters/out/prisma/search-match.ts); what both find, this finds too.
 */
export function listOf(
  products: Iterable<ProductWithCategory>,
  f: ProductFilter,
  unitsOf: (productId: string) => number = () => 0,
): ProductListing {
  const q = f.q?.toLowerCase();
  const matching = [...products]
    .filter((p) => f.status === "all" || p.status === f.status)
    .filter((p) => !f.category || p.categorySlug === f.category)
    .filter((p) => f.minPriceCents === undefined || p.priceCents >= f.minPriceCents)
    .filter((p) => f.maxPriceCents === undefined || p.priceCents <= f.maxPriceCents)
    .filter(
      (p) => !q || p.name.toLowerCase().includes(q) || p.description.toLowerCase().includes(q),
    )
    .sort(f.sort === "popular" ? byUnits(unitsOf) : COMPARE[f.sort]);
  const start = (f.page - 1) * f.pageSize;
  return {
    items: matching.slice(start, start + f.pageSize),
    total: Math.min(matching.length, countLimitOf(f)),
  };
}
