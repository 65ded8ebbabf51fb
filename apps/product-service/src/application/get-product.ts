import type { Actor, Result } from "@shop/kernel";
import { err, ok } from "@shop/kernel";
import { productNotFound, type ProductError } from "../domain/errors";
import { maySeeArchived } from "../domain/product";
import type { ProductDeps, ProductWithCategory } from "./ports";

type ProductRef = { id: string } | { slug: string };
const refText = (ref: ProductRef) => ("id" in ref ? `with id ${ref.id}` : `"${ref.slug}"`);

/**
 * A product by id or slug, as `actor` may see it: an archived product is NOT_FOUND to anyone
 * but an admin, the same answer as for a product that never existed.
 */
export async function getProduct(
  deps: Pick<ProductDeps, "products">,
  ref: ProductRef,
  actor: Actor,
): Promise<Result<ProductWithCategory, ProductError>> {
  const found = await findProduct(deps, ref);
  if (found.ok && found.value.status === "archived" && !maySeeArchived(actor))
    return err(productNotFound(refText(ref)));
  return found;
}

/** A product by id or slug, whatever its status: for the admin use cases that just wrote it. */
export async function findProduct(
  deps: Pick<ProductDeps, "products">,
  ref: ProductRef,
): Promise<Result<ProductWithCategory, ProductError>> {
  const found =
    "id" in ref ? await deps.products.findById(ref.id) : await deps.products.findBySlug(ref.slug);
  return found ? ok(found) : err(productNotFound(refText(ref)));
}
