import { prepared, withTransaction, type PreparedStatement } from "@shop/messaging";
import { MAX_CART_QUANTITY, MAX_ORDER_LINES } from "../../../domain/cart";
import type { CartChange, CartContents, CartStore } from "../../../application/ports";
import type { Db } from "../prisma/client";

/*
 * Carts on PostgreSQL (plain SQL on db.sql: every checkout adds to a cart and reads it). A
 * change runs in one transaction that first locks the cart's row in `carts` (creating it at
 * version 0), as a statement of its own: a statement's snapshot is taken before any lock it
 * waits for, so the next one sees every change committed before it, and the line-count limit
 * holds for concurrent adds. The change then moves the cart's version on in the statement that
 * changes a line, so placing an order (saga-store.ts, which takes the same row lock first and
 * requires the version it read) never orders lines that changed since. The quantity limit is
 * in the statement itself, with a CHECK behind it.
 */

/** The cart's row, created if need be, locked until the change commits. */
const LOCK = prepared(`INSERT INTO carts (user_id, version, updated_at) VALUES ($1::uuid, 0, $2)
  ON CONFLICT (user_id) DO UPDATE SET version = carts.version`);

/** Whether the product's line fits: it is there already, or the cart has room for one more. */
const ROOM = `SELECT count(*) < ${MAX_ORDER_LINES} OR coalesce(bool_or(product_id = $2::uuid), false)
    FROM cart_lines WHERE user_id = $1::uuid`;

/**
 * Writes `write` (params $1..$4, the line's user, product, quantity and time; it may read `cart`)
 * and, if it changed a line, moves the cart's version on.
 */
const change = (write: string, room = ROOM) =>
  prepared(`WITH cart AS (SELECT (${room}) AS room
), w AS (${write}
  RETURNING 1
), v AS (
  UPDATE carts SET version = version + 1, updated_at = $4
   WHERE user_id = $1::uuid AND EXISTS (SELECT 1 FROM w)
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

// Removing can only make room. ($3, the quantity, is 0.)
const REMOVE = change(
  `
  DELETE FROM cart_lines WHERE user_id = $1::uuid AND product_id = $2::uuid AND $3::int = 0`,
  "true",
);

/** The version and the lines in one snapshot (no row: a cart that never had a line). */
const READ = prepared(`SELECT c.version, l.product_id AS "productId", l.quantity,
       l.added_at AS "addedAt"
  FROM carts c LEFT JOIN cart_lines l ON l.user_id = c.user_id
 WHERE c.user_id = $1::uuid ORDER BY l.added_at, l.product_id`);

interface ReadRow {
  version: number;
  productId: string | null;
  quantity: number;
  addedAt: Date;
}

export class PgCartStore implements CartStore {
  constructor(private readonly db: Db) {}

  async read(userId: string): Promise<CartContents> {
    const { rows } = await this.db.sql.query<ReadRow>({ ...READ, values: [userId] });
    return {
      version: rows[0]?.version ?? 0,
      lines: rows.flatMap(({ productId, quantity, addedAt }) =>
        productId === null ? [] : [{ productId, quantity, addedAt }],
      ),
    };
  }

  add(userId: string, productId: string, quantity: number, now: Date): Promise<CartChange> {
    return this.locked(ADD, [userId, productId, quantity, now], "too_many");
  }

  set(userId: string, productId: string, quantity: number, now: Date): Promise<CartChange> {
    return this.locked(
      quantity === 0 ? REMOVE : SET,
      [userId, productId, quantity, now],
      "changed",
    );
  }

  /** Runs `statement` under the cart's row lock; `unchanged` is the answer when it wrote nothing. */
  private async locked(
    statement: PreparedStatement,
    values: [string, string, number, Date],
    unchanged: CartChange,
  ): Promise<CartChange> {
    const rows = await withTransaction(this.db.sql, async (client) => {
      await client.query({ ...LOCK, values: [values[0], values[3]] });
      return (await client.query<{ room: boolean; changed: number }>({ ...statement, values }))
        .rows;
    });
    const [result] = rows;
    if (!result?.room) return "cart_full";
    return result.changed === 1 ? "changed" : unchanged;
  }
}
