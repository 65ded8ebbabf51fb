import type { Product } from "@shop/contracts";
import type { ProductWithCategory } from "../application/ports";

/** A product as the contracts carry it: the API's answers and the events' payloads alike. */
export const toProductDto = (p: ProductWithCategory): Product => ({
  id: p.id,
  slug: p.slug,
  name: p.name,
  description: p.description,
  category: { slug: p.categorySlug, name: p.categoryName },
  priceCents: p.priceCents,
  stock: p.stock,
  image: p.image,
  status: p.status,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
  version: p.version,
});
