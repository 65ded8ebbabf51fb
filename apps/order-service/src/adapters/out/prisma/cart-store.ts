import { MAX_CART_QUANTITY, MAX_ORDER_LINES } from "../../../domain/cart";
import type { CartChange, CartLine, CartStore } from "../../../application/ports";
import type { Db } from "./client";

/*
 * Carts on PostgreSQL. A change runs in one transaction under a lock on the user's cart
 * (pg_advisory_xact_lock on the user id), so the line-count limit holds for concurrent adds;
 * the quantity limit is in the statement itself, with a CHECK behind it.
 */
export class PrismaCartStore implements CartStore {
  constructor(private readonly db: Db) {}

  async lines(userId: string): Promise<CartLine[]> {
    const rows = await this.db.cartLine.findMany({
      where: { userId },
      orderBy: [{ addedAt: "asc" }, { productId: "asc" }],
      select: { productId: true, quantity: true, addedAt: true },
    });
    return rows;
  }

  add(userId: string, productId: string, quantity: number, now: Date): Promise<CartChange> {
    return this.change(userId, productId, async (tx) => {
      const changed = await tx.$executeRaw`
        INSERT INTO cart_lines (user_id, product_id, quantity, added_at, updated_at)
        VALUES (${userId}::uuid, ${productId}::uuid, ${quantity}, ${now}, ${now})
        ON CONFLICT (user_id, product_id) DO UPDATE
           SET quantity = cart_lines.quantity + EXCLUDED.quantity, updated_at = EXCLUDED.updated_at
         WHERE cart_lines.quantity + EXCLUDED.quantity <= ${MAX_CART_QUANTITY}`;
      return changed === 1 ? "changed" : "too_many";
    });
  }

  set(userId: string, productId: string, quantity: number, now: Date): Promise<CartChange> {
    return this.change(userId, productId, async (tx) => {
      if (quantity === 0) {
        await tx.cartLine.deleteMany({ where: { userId, productId } });
        return "changed";
      }
      await tx.$executeRaw`
        INSERT INTO cart_lines (user_id, product_id, quantity, added_at, updated_at)
        VALUES (${userId}::uuid, ${productId}::uuid, ${quantity}, ${now}, ${now})
        ON CONFLICT (user_id, product_id) DO UPDATE
           SET quantity = EXCLUDED.quantity, updated_at = EXCLUDED.updated_at`;
      return "changed";
    });
  }

  /** Under the user's cart lock: refuses a new line past MAX_ORDER_LINES, else runs `write`. */
  private change(
    userId: string,
    productId: string,
    write: (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => Promise<CartChange>,
  ): Promise<CartChange> {
    return this.db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${userId}, 0))`;
        const [{ lines, has } = { lines: 0, has: false }] = await tx.$queryRaw<
          { lines: number; has: boolean }[]
        >`SELECT count(*)::int AS lines, bool_or(product_id = ${productId}::uuid) AS has
          FROM cart_lines WHERE user_id = ${userId}::uuid`;
        if (!has && lines >= MAX_ORDER_LINES) return "cart_full";
        return write(tx);
      },
      { maxWait: 10_000 },
    ); // a burst of shoppers queues for a connection instead of failing
  }
}
