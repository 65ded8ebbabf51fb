import "server-only";
import { TRPCClientError } from "@trpc/client";
import type { Cart, Product } from "@shop/contracts";
import type { Services } from "../services";

/** A cart line as the cart and checkout pages show it: the product as it is now, if on sale. */
export interface CartLineView {
  productId: string;
  quantity: number;
  addedAt: string;
  /** null: archived or gone; the line can only be removed. */
  product: Pick<Product, "id" | "slug" | "name" | "priceCents" | "stock" | "image"> | null;
}

export interface CartView {
  lines: CartLineView[];
  /** Items in the cart (the header's count). */
  count: number;
  /** Of the lines that can be ordered, at today's prices (the order is priced at reservation). */
  subtotalCents: number;
  /** Lines that cannot be ordered as they are: unavailable, or more than the stock. */
  problems: number;
}

const isNotFound = (e: unknown) =>
  e instanceof TRPCClientError && (e.data as { code?: string } | undefined)?.code === "NOT_FOUND";

/** Each product as the shopper may see it now (one batched call per 10); null if not on sale. */
export async function productsById(services: Services, ids: string[]) {
  const found = await Promise.all(
    ids.map((id) =>
      services.product.products.get.query({ id }).catch((e: unknown) => {
        if (isNotFound(e)) return null;
        throw e;
      }),
    ),
  );
  // An admin's credential sees archived products too, but the shop sells them to no one: what
  // the checkout lets through must be what product-service will reserve (cart-view.test.ts).
  return new Map(ids.map((id, i) => [id, found[i]?.status === "active" ? found[i] : null]));
}

export async function cartView(services: Services, cart: Cart): Promise<CartView> {
  const products = await productsById(
    services,
    cart.lines.map((l) => l.productId),
  );
  const lines = cart.lines.map((l): CartLineView => {
    const p = products.get(l.productId);
    return {
      ...l,
      product: p
        ? {
            id: p.id,
            slug: p.slug,
            name: p.name,
            priceCents: p.priceCents,
            stock: p.stock,
            image: p.image,
          }
        : null,
    };
  });
  return {
    lines,
    count: lines.reduce((n, l) => n + l.quantity, 0),
    subtotalCents: lines.reduce(
      (sum, l) => sum + (l.product ? l.product.priceCents * l.quantity : 0),
      0,
    ),
    problems: lines.filter((l) => !l.product || l.product.stock < l.quantity).length,
  };
}
