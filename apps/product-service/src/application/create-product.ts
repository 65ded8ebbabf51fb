import { createProduct as newProduct, type ProductDraft } from "../domain/product";
import { err, type Result } from "@shop/kernel";
import type { ProductError } from "../domain/errors";
import type { ProductDeps, ProductWithCategory } from "./ports";
import { findProduct } from "./get-product";

export async function createProduct(
  deps: ProductDeps,
  draft: ProductDraft,
): Promise<Result<ProductWithCategory, ProductError>> {
  const made = newProduct(draft, deps.ids.next(), deps.clock.now());
  if (!made.ok) return made;
  if (!(await deps.categories.exists(made.value.categorySlug)))
    return err({ code: "UNKNOWN_CATEGORY", categorySlug: made.value.categorySlug });
  if ((await deps.products.insert(made.value)) === "slug-taken")
    return err({ code: "SLUG_TAKEN", slug: made.value.slug });
  return findProduct(deps, { id: made.value.id });
}
