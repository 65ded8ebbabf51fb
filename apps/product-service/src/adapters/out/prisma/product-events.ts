import {
  createMessage,
  type Envelope,
  type MessageDefinition,
  type productCreated,
} from "@shop/contracts";
import { outboxInsert, outboxJson, outboxNotify } from "@shop/messaging";
import type { ProductWithCategory } from "../../../application/ports";
import { toProductDto } from "../../product-dto";
import type { Tx } from "./client";
import { productOfRow, type ProductRow } from "./product-row";

/*
 * A product change's event, on the change's transaction: the product's row as the change left
 * it (locked by the transaction, so this is the state of exactly that version), as an envelope
 * in the outbox (published after the commit) and in the event history (the rebuild's source).
 */

export interface EventCause {
  /** The saga (order) a stock move belongs to; an admin change correlates on the product id. */
  correlationId?: string;
  causationId?: string;
}

/** What an event says of a product: its row with the category's name (`p`, `c`). */
export const PRODUCT_ROW_COLUMNS = `p.id::text AS id, p.slug, p.name, p.description, p.category_slug,
  c.name AS category_name, p.price_cents, p.stock, p.image, p.status::text AS status,
  p.created_at, p.updated_at, p.version`;

/**
 * One statement: the events ($1, a jsonb array from outboxJson) in the outbox, relays woken, and
 * in the history in their order.
 */
const RECORD_EVENTS = `WITH ob AS (${outboxInsert("$1")}),
h AS (${historyInsert("$1")})
SELECT ${outboxNotify("ob")} AS notified`;

/** The history rows of `param` (a jsonb array of envelopes), in their order. */
export function historyInsert(param: string) {
  return `INSERT INTO event_history (message_id, type, message)
  SELECT (m->>'messageId')::uuid, m->>'type', m
    FROM jsonb_array_elements(${param}::jsonb) WITH ORDINALITY AS e(m, n) ORDER BY n`;
}

/** `definition`'s event for each product, as its row is now. */
export function productEvents(
  definition: typeof productCreated | MessageDefinition<string>,
  products: readonly ProductWithCategory[],
  at: Date,
  cause: EventCause = {},
): Envelope[] {
  return products.map((p) =>
    createMessage(definition as typeof productCreated, toProductDto(p), {
      correlationId: cause.correlationId ?? p.id,
      ...(cause.causationId ? { causationId: cause.causationId } : {}),
      occurredAt: at,
    }),
  );
}

/** Records `definition`'s event for each product (their rows as they are in `tx` now). */
export async function recordProductEvents(
  tx: Tx,
  definition: typeof productCreated | MessageDefinition<string>,
  ids: readonly string[],
  at: Date,
  cause: EventCause = {},
): Promise<ProductWithCategory[]> {
  if (ids.length === 0) return [];
  const rows = await tx.$queryRawUnsafe<ProductRow[]>(
    `SELECT ${PRODUCT_ROW_COLUMNS}
       FROM product p JOIN category c ON c.slug = p.category_slug
      WHERE p.id = ANY($1::uuid[])
      ORDER BY p.id`,
    ids,
  );
  const products = rows.map(productOfRow);
  await tx.$executeRawUnsafe(
    RECORD_EVENTS,
    outboxJson(productEvents(definition, products, at, cause)),
  );
  return products;
}
