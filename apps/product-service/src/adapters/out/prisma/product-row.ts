import type { ProductWithCategory } from "../../../application/ports";

/** A product with its category's name as raw SQL selects it (the catalog view or command side). */
export interface ProductRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  category_slug: string;
  category_name: string;
  price_cents: number;
  stock: number;
  image: string | null;
  status: "active" | "archived";
  created_at: Date;
  updated_at: Date;
  version: number;
}

export const productOfRow = (r: ProductRow): ProductWithCategory => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  categorySlug: r.category_slug,
  categoryName: r.category_name,
  priceCents: r.price_cents,
  stock: r.stock,
  image: r.image,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});
