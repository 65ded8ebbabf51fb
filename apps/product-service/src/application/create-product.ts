import { createProduct as newProduct, type ProductDraft } from "../domain/product";
import { err, ok, type Result } from "@shop/kernel";
import type { ProductError } from "../domain/errors";
import type { ProductDeps, ProductWithCategory } from "./ports";

/** Creates a product at version 1; its product.created event commits with it. */
export async function createProduct(
  deps: Pick<ProductDeps, "products" | "categories" | "clock" | "ids">,
  draft: ProductDraft,
): Promise<Result<ProductWithCategory, ProductError>> {
  const made = newProduct(draft, deps.ids.next(), deps.clock.now());
  if (!made.ok) return made;
  if (!(await deps.categories.exists(made.value.categorySlug)))
    return err({ code: "UNKNOWN_CATEGORY", categorySlug: made.value.categorySlug });
  const saved = await deps.products.insert(made.value);
  if (saved.kind === "slug-taken") return err({ code: "SLUG_TAKEN", slug: made.value.slug });
  return ok(saved.product);
}
