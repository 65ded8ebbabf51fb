import type { Actor, Result } from "@shop/kernel";
import { err, ok } from "@shop/kernel";
import { productNotFound, type ProductError } from "../domain/errors";
import { maySeeArchived } from "../domain/product";
import type { ProductDeps, ProductWithCategory } from "./ports";

type ProductRef = { id: string } | { slug: string };
const refText = (ref: ProductRef) => ("id" in ref ? `with id ${ref.id}` : `"${ref.slug}"`);

/**
 * A product by id or slug from the catalog view (the query side), as `actor` may see it: an
 * archived product is NOT_FOUND to anyone but an admin, the same answer as for a product that
 * never existed.
 */
export async function getProduct(
  deps: Pick<ProductDeps, "catalog">,
  ref: ProductRef,
  actor: Actor,
): Promise<Result<ProductWithCategory, ProductError>> {
  const found =
    "id" in ref ? await deps.catalog.findById(ref.id) : await deps.catalog.findBySlug(ref.slug);
  if (!found || (found.status === "archived" && !maySeeArchived(actor)))
    return err(productNotFound(refText(ref)));
  return ok(found);
}
