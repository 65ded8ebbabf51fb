import { canMoveStock, type Product } from "../../../domain/product";
import type {
  Category,
  CategoryRepository,
  ProductFilter,
  ProductListing,
  ProductRepository,
  ProductWithCategory,
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

const COMPARE: Record<ProductFilter["sort"], (a: Product, b: Product) => number> = {
  newest: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id),
  price_asc: (a, b) => a.priceCents - b.priceCents || a.id.localeCompare(b.id),
  price_desc: (a, b) => b.priceCents - a.priceCents || b.id.localeCompare(a.id),
  name: (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id.localeCompare(b.id)),
};

export class InMemoryProductRepository implements ProductRepository {
  readonly rows = new Map<string, Product>();
  constructor(private readonly categories: InMemoryCategoryRepository) {}

  private withCategory(p: Product): ProductWithCategory {
    const name = this.categories.categories.find((c) => c.slug === p.categorySlug)?.name ?? "";
    return { ...p, categoryName: name };
  }

  private slugTaken(p: Product) {
    return [...this.rows.values()].some((r) => r.slug === p.slug && r.id !== p.id);
  }

  async insert(p: Product) {
    if (this.slugTaken(p)) return "slug-taken" as const;
    this.rows.set(p.id, { ...p });
    return "ok" as const;
  }

  async update(p: Product) {
    const current = this.rows.get(p.id);
    if (!current || current.status !== "active") return "archived" as const;
    if (this.slugTaken(p)) return "slug-taken" as const;
    this.rows.set(p.id, { ...p, stock: current.stock, status: current.status });
    return "ok" as const;
  }

  async archive(id: string, now: Date) {
    const current = this.rows.get(id);
    if (current?.status === "active")
      this.rows.set(id, { ...current, status: "archived", updatedAt: now });
  }

  async findById(id: string) {
    const p = this.rows.get(id);
    return p ? this.withCategory(p) : null;
  }

  async findBySlug(slug: string) {
    const p = [...this.rows.values()].find((r) => r.slug === slug);
    return p ? this.withCategory(p) : null;
  }

  async list(f: ProductFilter): Promise<ProductListing> {
    const q = f.q?.toLowerCase();
    const matching = [...this.rows.values()]
      .filter((p) => f.status === "all" || p.status === f.status)
      .filter((p) => !f.category || p.categorySlug === f.category)
      .filter((p) => f.minPriceCents === undefined || p.priceCents >= f.minPriceCents)
      .filter((p) => f.maxPriceCents === undefined || p.priceCents <= f.maxPriceCents)
      .filter(
        (p) => !q || p.name.toLowerCase().includes(q) || p.description.toLowerCase().includes(q),
      )
      .sort(COMPARE[f.sort]);
    const start = (f.page - 1) * f.pageSize;
    return {
      items: matching.slice(start, start + f.pageSize).map((p) => this.withCategory(p)),
      total: matching.length,
    };
  }

  async moveStock(id: string, delta: number, now: Date): Promise<StockMove> {
    const p = this.rows.get(id);
    if (!p) return { kind: "not-found" };
    if (!canMoveStock(p.stock, delta))
      return { kind: delta < 0 ? "insufficient" : "over-limit", available: p.stock } as const;
    const moved = { ...p, stock: p.stock + delta, updatedAt: now };
    this.rows.set(id, moved);
    return { kind: "moved", product: this.withCategory(moved) };
  }
}
