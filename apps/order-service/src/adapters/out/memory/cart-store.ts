import { MAX_CART_QUANTITY, MAX_ORDER_LINES } from "../../../domain/cart";
import type { CartChange, CartLine, CartStore } from "../../../application/ports";

/** Carts in memory, for use-case tests: the same limits as the PostgreSQL store. */
export class InMemoryCartStore implements CartStore {
  private readonly carts = new Map<string, Map<string, CartLine>>();

  async lines(userId: string): Promise<CartLine[]> {
    return [...(this.carts.get(userId)?.values() ?? [])]
      .sort(
        (a, b) =>
          a.addedAt.getTime() - b.addedAt.getTime() || a.productId.localeCompare(b.productId),
      )
      .map((l) => ({ ...l }));
  }

  async add(userId: string, productId: string, quantity: number, now: Date): Promise<CartChange> {
    const cart = this.cartOf(userId);
    const line = cart.get(productId);
    if (!line && cart.size >= MAX_ORDER_LINES) return "cart_full";
    const next = (line?.quantity ?? 0) + quantity;
    if (next > MAX_CART_QUANTITY) return "too_many";
    cart.set(productId, { productId, quantity: next, addedAt: line?.addedAt ?? now });
    return "changed";
  }

  async set(userId: string, productId: string, quantity: number, now: Date): Promise<CartChange> {
    const cart = this.cartOf(userId);
    const line = cart.get(productId);
    if (quantity === 0) {
      cart.delete(productId);
      return "changed";
    }
    if (!line && cart.size >= MAX_ORDER_LINES) return "cart_full";
    cart.set(productId, { productId, quantity, addedAt: line?.addedAt ?? now });
    return "changed";
  }

  /** What placing an order does to the cart, in the saga store's transaction. */
  remove(userId: string, productIds: string[]) {
    for (const id of productIds) this.carts.get(userId)?.delete(id);
  }

  private cartOf(userId: string) {
    let cart = this.carts.get(userId);
    if (!cart) this.carts.set(userId, (cart = new Map()));
    return cart;
  }
}
