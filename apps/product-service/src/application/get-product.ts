import { productNotFound, type ProductError } from "../domain/errors";
import { err, ok, type Result } from "@shop/kernel";
import type { ProductDeps, ProductWithCategory } from "./ports";

export async function getProduct(
  deps: Pick<ProductDeps, "products">,
  ref: { id: string } | { slug: string },
): Promise<Result<ProductWithCategory, ProductError>> {
  const found =
    "id" in ref ? await deps.products.findById(ref.id) : await deps.products.findBySlug(ref.slug);
  if (!found) return err(productNotFound("id" in ref ? `with id ${ref.id}` : `"${ref.slug}"`));
  return ok(found);
}
