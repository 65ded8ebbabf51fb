import { prepared, withTransaction, type PreparedStatement } from "@shop/messaging";
import { MAX_CART_QUANTITY, MAX_ORDER_LINES } from "../../../domain/cart";
import type { CartChange, CartLine, CartStore } from "../../../application/ports";
import type { Db } from "./client";

/*
 * Carts on PostgreSQL (plain SQL on db.sql: every checkout adds to a cart and reads it). A
 * change runs in one transaction under a lock on the user's cart (pg_advisory_xact_lock on the
 * user id), so the line-count limit holds for concurrent adds: the lock is a statement of its
 * own, as a statement's snapshot is taken before any lock it waits for. The quantity limit is
 * in the statement itself, with a CHECK behind it.
 */

/** Refuses a new line past the line limit; otherwise writes `upsert` (params $1..$4). */
const change = (upsert: string) =>
  prepared(`WITH cart AS (
  SELECT count(*) < ${MAX_ORDER_LINES} OR coalesce(bool_or(product_id = $2::uuid), false) AS room
    FROM cart_lines WHERE user_id = $1::uuid
), w AS (${upsert}
  RETURNING 1
)
SELECT (SELECT room FROM cart) AS room, (SELECT count(*) FROM w)::int AS changed`);

const ADD = change(`
  INSERT INTO cart_lines (user_id, product_id, quantity, added_at, updated_at)
  SELECT $1::uuid, $2::uuid, $3, $4, $4 FROM cart WHERE room
  ON CONFLICT (user_id, product_id) DO UPDATE
     SET quantity = cart_lines.quantity + EXCLUDED.quantity, updated_at = EXCLUDED.updated_at
   WHERE cart_lines.quantity + EXCLUDED.quantity <= ${MAX_CART_QUANTITY}`);

const SET = change(`
  INSERT INTO cart_lines (user_id, product_id, quantity, added_at, updated_at)
  SELECT $1::uuid, $2::uuid, $3, $4, $4 FROM cart WHERE room
  ON CONFLICT (user_id, product_id) DO UPDATE
     SET quantity = EXCLUDED.quantity, updated_at = EXCLUDED.updated_at`);

const LINES = prepared(`SELECT product_id AS "productId", quantity, added_at AS "addedAt"
  FROM cart_lines WHERE user_id = $1::uuid ORDER BY added_at, product_id`);
const LOCK = prepared("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))");

export class PrismaCartStore implements CartStore {
  constructor(private readonly db: Db) {}

  async lines(userId: string): Promise<CartLine[]> {
    const { rows } = await this.db.sql.query<CartLine>({ ...LINES, values: [userId] });
    return rows;
  }

  add(userId: string, productId: string, quantity: number, now: Date): Promise<CartChange> {
    return this.locked(userId, ADD, [userId, productId, quantity, now], "too_many");
  }

  async set(userId: string, productId: string, quantity: number, now: Date): Promise<CartChange> {
    if (quantity === 0) {
      // Removing needs no lock: it can only make room.
      await this.db.sql.query(
        "DELETE FROM cart_lines WHERE user_id = $1::uuid AND product_id = $2::uuid",
        [userId, productId],
      );
      return "changed";
    }
    return this.locked(userId, SET, [userId, productId, quantity, now], "changed");
  }

  /** Runs `statement` under the user's cart lock; `unchanged` is the answer when it wrote nothing. */
  private async locked(
    userId: string,
    statement: PreparedStatement,
    values: unknown[],
    unchanged: CartChange,
  ): Promise<CartChange> {
    const rows = await withTransaction(this.db.sql, async (client) => {
      await client.query({ ...LOCK, values: [userId] });
      return (await client.query<{ room: boolean; changed: number }>({ ...statement, values }))
        .rows;
    });
    const [result] = rows;
    if (!result?.room) return "cart_full";
    return result.changed === 1 ? "changed" : unchanged;
  }
}
