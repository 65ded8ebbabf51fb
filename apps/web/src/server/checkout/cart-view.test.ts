import fc from "fast-check";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import type { Actor, Cart } from "@shop/contracts";
// A test may read the services' code to hold the web's copies to it (eslint.config.js).
import {
  firstShortfall,
  type StockOnHand,
} from "../../../../product-service/src/domain/availability";
import { maySeeArchived } from "../../../../product-service/src/domain/product";
import type { Services } from "../services";
import { cartView } from "./cart-view";
import { cartProblem } from "./checkout-rules";

/*
 * The view the checkout's early refusal reads (checkout-rules.test.ts holds the rule itself to
 * product-service's): whoever the shopper is, a line the view lets through is one product-service
 * would take. Red if the view passes a product on to the rule that the service would not sell.
 */

const NOW = "2026-12-07T12:00:00.000Z";

interface CatalogRow extends StockOnHand {
  id: string;
  priceCents: number;
}

/** product-service's products.get as the actor may call it: not found is a NOT_FOUND error. */
function productServiceFor(actor: Actor, catalog: Map<string, CatalogRow>): Services {
  const notFound = () =>
    new TRPCClientError("No such product", {
      result: { error: { data: { code: "NOT_FOUND" } } },
    } as never);
  const get = async ({ id }: { id: string }) => {
    const row = catalog.get(id);
    if (!row || (row.status === "archived" && !maySeeArchived(actor))) throw notFound();
    return { ...row, slug: id, name: `Product ${id.slice(0, 4)}`, image: null };
  };
  return { product: { products: { get: { query: get } } } } as unknown as Services;
}

const actor: fc.Arbitrary<Actor> = fc.constantFrom<Actor>(
  { role: "shopper", userId: "5b0e6c55-7f3f-4c57-9a35-7a4a0f3f0001" },
  { role: "admin", userId: "5b0e6c55-7f3f-4c57-9a35-7a4a0f3f0002" },
);

/** A cart whose products are on sale, archived, or gone, with quantities around their stock. */
const world = fc
  .uniqueArray(
    fc.record({
      productId: fc.uuid(),
      quantity: fc.integer({ min: 1, max: 8 }),
      row: fc.option(
        fc.record({
          status: fc.constantFrom("active" as const, "archived" as const),
          stock: fc.nat({ max: 8 }),
          priceCents: fc.integer({ min: 1, max: 50_000 }),
        }),
        { freq: 5 },
      ),
    }),
    { selector: (l) => l.productId, minLength: 1, maxLength: 5 },
  )
  .map((lines) => ({
    cart: {
      lines: lines.map(({ productId, quantity }) => ({ productId, quantity, addedAt: NOW })),
    } as Cart,
    catalog: new Map(
      lines.flatMap(({ productId, row }): [string, CatalogRow][] =>
        row ? [[productId, { id: productId, ...row }]] : [],
      ),
    ),
  }));

describe("cartView, as the checkout's early refusal reads it", () => {
  it("lets a cart through exactly when product-service would take every line", async () => {
    await fc.assert(
      fc.asyncProperty(world, actor, async ({ cart, catalog }, who) => {
        const view = await cartView(productServiceFor(who, catalog), cart);
        const web = cartProblem(view);
        const service = firstShortfall(cart.lines, (id) => catalog.get(id));
        expect(web && { kind: web.kind, productId: web.productId }).toEqual(
          service && { kind: service.kind, productId: service.productId },
        );
        expect(view.problems).toBe(
          cart.lines.filter((l) => firstShortfall([l], (id) => catalog.get(id))).length,
        );
      }),
      { numRuns: 2_000 },
    );
  });
});
