import type { Category, ProductDeps } from "./ports";

export function listCategories(deps: Pick<ProductDeps, "categories">): Promise<Category[]> {
  return deps.categories.list();
}
