import { createMessage, type MessageDefinition, type productCreated } from "@shop/contracts";
import { appendToOutbox } from "@shop/messaging";
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

/** Records `definition`'s event for each product (their rows as they are in `tx` now). */
export async function recordProductEvents(
  tx: Tx,
  definition: typeof productCreated | MessageDefinition<string>,
  ids: readonly string[],
  at: Date,
  cause: EventCause = {},
): Promise<ProductWithCategory[]> {
  if (ids.length === 0) return [];
  const rows = await tx.$queryRaw<ProductRow[]>`
    SELECT p.id::text AS id, p.slug, p.name, p.description, p.category_slug, c.name AS category_name,
           p.price_cents, p.stock, p.image, p.status::text AS status, p.created_at, p.updated_at, p.version
    FROM product p JOIN category c ON c.slug = p.category_slug
    WHERE p.id = ANY(${ids as string[]}::uuid[])
    ORDER BY p.id`;
  const products = rows.map(productOfRow);
  const envelopes = products.map((p) =>
    createMessage(definition as typeof productCreated, toProductDto(p), {
      correlationId: cause.correlationId ?? p.id,
      ...(cause.causationId ? { causationId: cause.causationId } : {}),
      occurredAt: at,
    }),
  );
  await appendToOutbox(tx, envelopes);
  await appendToHistory(tx, envelopes);
  return products;
}

/** Appends envelopes to the event history in the given order. */
export async function appendToHistory(
  tx: Tx,
  envelopes: readonly { messageId: string; type: string }[],
): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO event_history (message_id, type, message)
     SELECT (m->>'messageId')::uuid, m->>'type', m
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(m, n) ORDER BY n`,
    JSON.stringify(envelopes),
  );
}
