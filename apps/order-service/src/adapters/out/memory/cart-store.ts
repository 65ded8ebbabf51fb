import { MAX_CART_QUANTITY, MAX_ORDER_LINES } from "../../../domain/cart";
import type { CartChange, CartContents, CartStore } from "../../../application/ports";

interface Cart {
  version: number;
  lines: Map<string, CartContents["lines"][number]>;
}

/** Carts in memory, for use-case tests: the same limits and versions as the PostgreSQL store. */
export class InMemoryCartStore implements CartStore {
  private readonly carts = new Map<string, Cart>();

  async read(userId: string): Promise<CartContents> {
    const cart = this.carts.get(userId);
    return {
      version: cart?.version ?? 0,
      lines: [...(cart?.lines.values() ?? [])]
        .sort(
          (a, b) =>
            a.addedAt.getTime() - b.addedAt.getTime() || a.productId.localeCompare(b.productId),
        )
        .map((l) => ({ ...l })),
    };
  }

  async add(userId: string, productId: string, quantity: number, now: Date): Promise<CartChange> {
    const line = this.cartOf(userId).lines.get(productId);
    if (!this.fits(userId, productId)) return "cart_full";
    const next = (line?.quantity ?? 0) + quantity;
    if (next > MAX_CART_QUANTITY) return "too_many";
    this.write(userId, productId, next, line?.addedAt ?? now);
    return "changed";
  }

  async set(userId: string, productId: string, quantity: number, now: Date): Promise<CartChange> {
    const cart = this.cartOf(userId);
    const line = cart.lines.get(productId);
    if (quantity === 0) {
      if (line) this.write(userId, productId, 0, now);
      return "changed";
    }
    if (!this.fits(userId, productId)) return "cart_full";
    this.write(userId, productId, quantity, line?.addedAt ?? now);
    return "changed";
  }

  /*
   * What placing an order does to the cart, in the saga store's transaction: the version moves
   * on only from the one the order was read at, and then the lines go.
   */

  /** True when the cart was at `from`: its version moved on. */
  moveOn(userId: string, from: number): boolean {
    const cart = this.cartOf(userId);
    if (cart.version !== from) return false;
    cart.version += 1;
    return true;
  }

  clear(userId: string) {
    this.cartOf(userId).lines.clear();
  }

  private fits(userId: string, productId: string) {
    const { lines } = this.cartOf(userId);
    return lines.has(productId) || lines.size < MAX_ORDER_LINES;
  }

  /** A line changed (0: removed), and with it the cart's version. */
  private write(userId: string, productId: string, quantity: number, addedAt: Date) {
    const cart = this.cartOf(userId);
    if (quantity === 0) cart.lines.delete(productId);
    else cart.lines.set(productId, { productId, quantity, addedAt });
    cart.version += 1;
  }

  private cartOf(userId: string) {
    let cart = this.carts.get(userId);
    if (!cart) this.carts.set(userId, (cart = { version: 0, lines: new Map() }));
    return cart;
  }
}
