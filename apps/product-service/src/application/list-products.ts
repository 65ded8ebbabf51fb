import type { ProductDeps, ProductFilter, ProductListing } from "./ports";

export async function listProducts(
  deps: Pick<ProductDeps, "products">,
  filter: ProductFilter,
): Promise<ProductListing & { page: number; pageSize: number; pageCount: number }> {
  const { items, total } = await deps.products.list(filter);
  return {
    items,
    total,
    page: filter.page,
    pageSize: filter.pageSize,
    pageCount: Math.max(1, Math.ceil(total / filter.pageSize)),
  };
}
