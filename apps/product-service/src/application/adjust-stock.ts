import { MAX_STOCK } from "../domain/product";
import { err, ok, type Result } from "@shop/kernel";
import { productNotFound, type ProductError } from "../domain/errors";
import type { ProductDeps, ProductWithCategory } from "./ports";

/**
 * Moves stock by a delta. The check "never below zero" and the write are one conditional
 * update in the store, so two admins (or later, two checkouts) cannot oversell. No expected
 * version: a delta composes with every other change (that is why stock moves by delta), so an
 * adjustment made from an older copy overwrites nothing.
 */
export async function adjustStock(
  deps: Pick<ProductDeps, "products" | "clock">,
  id: string,
  delta: number,
): Promise<Result<ProductWithCategory, ProductError>> {
  const moved = await deps.products.moveStock(id, delta, deps.clock.now());
  switch (moved.kind) {
    case "moved":
      return ok(moved.product);
    case "not-found":
      return err(productNotFound(`with id ${id}`));
    case "insufficient":
      return err({ code: "INSUFFICIENT_STOCK", available: moved.available, requested: -delta });
    case "over-limit":
      return err({
        code: "VALIDATION_FAILED",
        fieldErrors: {
          delta: [
            `Stock cannot exceed ${MAX_STOCK.toLocaleString("en-US")} (now ${moved.available})`,
          ],
        },
      });
  }
}
