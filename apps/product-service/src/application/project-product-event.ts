import type { ProductDeps, ProductState } from "./ports";

/**
 * The projector's answer to a product event (created, updated, archived, stock changed): the
 * catalog view takes the product's state if its version is newer than the one it holds, so a
 * duplicate or an older event arriving late changes nothing.
 */
export function projectProductEvent(
  deps: Pick<ProductDeps, "readModels">,
  state: ProductState,
): Promise<boolean> {
  return deps.readModels.applyProduct(state);
}
