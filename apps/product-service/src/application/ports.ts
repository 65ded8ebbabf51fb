import type { Clock, IdGenerator } from "@shop/kernel";
import type { Product } from "../domain/product";

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

export interface ProductDeps {
  products: ProductRepository;
  categories: CategoryRepository;
  clock: Clock;
  ids: IdGenerator;
}
