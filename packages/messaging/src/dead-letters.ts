import { createHash } from "node:crypto";
import type { DeadLetterStatus, DeadLetterView, ListDeadLettersInput } from "@shop/contracts";
import { PAYLOAD_PREVIEW_BYTES } from "@shop/contracts";
import type pg from "pg";
import { SAGA_ID } from "@shop/service-kit/trace-context";
import type { Log } from "./log";
import { prepared } from "./sql";
import type { QueueDefinition } from "./topology";
import {
  ack,
  DEAD_AT_HEADER,
  DEAD_DETAIL_HEADER,
  DEAD_ID_HEADER,
  DEAD_QUEUE_HEADER,
  DEAD_REASON_HEADER,
  deadLetterInfo,
  type Delivery,
  type Subscription,
  type Transport,
} from "./transport";

/*
 * Dead letters an operator can read, replay and discard. Each service drains its own
 * dead-letter queues into its database's dead_letter table (DEAD_LETTERS_MIGRATION_SQL): listing
 * is a query, and nothing is ever taken from the broker and put back by hand (a get-and-requeue
 * loses the message if the tool dies between the two).
 *
 * - Drain: a consumer per dead-letter queue inserts each message (ON CONFLICT DO NOTHING on the
 *   dead-lettering's id) and acks only after the insert committed, so a crash between the two
 *   drains it again as the same row.
 * - Replay and discard: one conditional update of a held row, with who and when. A replay
 *   marks the row "replaying"; the replay loop then sends its bytes back to the one queue it
 *   came from (confirmed), and only then marks it "replayed", in the same transaction that
 *   locked it. The row is the replay's outbox: a loop that dies before the mark leaves it
 *   "replaying", and it is sent again (a duplicate the consumer's inbox drops).
 * - A replayed message is the message as it was: the same bytes and message id, so a command
 *   that was in fact processed changes nothing (its inbox row), and one still malformed is
 *   dead-lettered again, as a new row with its reason.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a dead-lettering's own headers say; stripped before a replay (the queue adds its own). */
const DEATH_HEADERS = [
  DEAD_REASON_HEADER,
  DEAD_DETAIL_HEADER,
  DEAD_QUEUE_HEADER,
  DEAD_ID_HEADER,
  DEAD_AT_HEADER,
  "x-death",
  "x-first-death-reason",
  "x-first-death-queue",
  "x-first-death-exchange",
  "x-last-death-reason",
  "x-last-death-queue",
  "x-last-death-exchange",
  "x-delivery-count",
];

/** On a replayed message: the dead letter it replays. */
export const REPLAY_OF_HEADER = "x-shop-replay-of";

export interface NewDeadLetter {
  id: string;
  queue: string;
  reason: string;
  detail: string | null;
  messageId: string | null;
  type: string | null;
  version: number | null;
  correlationId: string | null;
  body: Buffer;
  headers: Record<string, unknown>;
  deliveryCount: number;
  deadLetteredAt: Date;
}

/** A drained message as a row: its reason, and the envelope's fields where the bytes hold one. */
export function describeDeadLetter(queue: QueueDefinition, delivery: Delivery): NewDeadLetter {
  const { headers, body } = delivery;
  const info = deadLetterInfo(delivery);
  const deaths = Array.isArray(headers["x-death"])
    ? (headers["x-death"] as Record<string, unknown>[])
    : [];
  const ownId = headers[DEAD_ID_HEADER];
  // The broker's dead-lettering has no id of ours: its x-death (count, time) and the bytes
  // name that dead-lettering, the same on every redelivery from the dead-letter queue.
  const id =
    typeof ownId === "string" && UUID.test(ownId)
      ? ownId
      : digestUuid(queue.name, JSON.stringify(deaths), body);
  return {
    id,
    queue: info?.queue ?? queue.name,
    reason: info?.reason ?? "unknown",
    detail: info?.detail ?? null,
    ...envelopeFields(body),
    body,
    headers: jsonSafe(headers),
    deliveryCount: Math.max(
      (Number(headers["x-delivery-count"]) || 0) + 1,
      // The broker's own dead-lettering after the limit does not always carry the count: it
      // happens on the delivery after the limit's.
      info?.reason === "delivery_limit" ? queue.deliveryLimit + 1 : 0,
    ),
    deadLetteredAt: timeOf(headers[DEAD_AT_HEADER]) ?? timeOf(deaths[0]?.time) ?? new Date(),
  };
}

function envelopeFields(body: Buffer) {
  const none = { messageId: null, type: null, version: null, correlationId: null };
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return none;
  }
  if (typeof json !== "object" || json === null) return none;
  const e = json as Record<string, unknown>;
  const text = (v: unknown, max = 200) => (typeof v === "string" && v.length <= max ? v : null);
  const messageId = text(e.messageId);
  return {
    messageId: messageId && UUID.test(messageId) ? messageId : null,
    type: text(e.type),
    version: Number.isInteger(e.version) ? (e.version as number) : null,
    correlationId: text(e.correlationId),
  };
}

function digestUuid(...parts: (string | Buffer)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  const hex = hash.digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function timeOf(value: unknown): Date | undefined {
  // RabbitMQ's x-death time is an AMQP timestamp (seconds); ours an ISO string.
  const date =
    value instanceof Date
      ? value
      : typeof value === "number"
        ? new Date(value < 1e12 ? value * 1000 : value)
        : typeof value === "string"
          ? new Date(value)
          : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** Headers as JSON can hold them (the library may hand out Dates and Buffers). */
function jsonSafe(headers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(headers, (_key, value: unknown) =>
      Buffer.isBuffer(value) ? value.toString("base64") : value,
    ),
  ) as Record<string, unknown>;
}

const INSERT = prepared(`INSERT INTO dead_letter
  (id, queue, reason, detail, message_id, type, version, correlation_id, body, headers,
   delivery_count, dead_lettered_at)
VALUES ($1, $2, $3, $4, $5::uuid, $6, $7, $8, $9, $10::jsonb, $11, $12)
ON CONFLICT (id) DO NOTHING`);

/** Records one drained message; true when it was new (false: drained before). */
export async function recordDeadLetter(pool: pg.Pool, row: NewDeadLetter): Promise<boolean> {
  const result = await pool.query({
    ...INSERT,
    values: [
      row.id,
      row.queue,
      row.reason.slice(0, 200),
      row.detail?.slice(0, 2000) ?? null,
      row.messageId,
      row.type,
      row.version,
      row.correlationId,
      row.body,
      JSON.stringify(row.headers),
      row.deliveryCount,
      row.deadLetteredAt,
    ],
  });
  return (result.rowCount ?? 0) === 1;
}

/**
 * Consumes each queue's dead-letter queue into the table. A message that cannot be recorded (the
 * database down) goes back to its dead-letter queue after a pause, never lost.
 */
export async function drainDeadLetters(options: {
  transport: Transport;
  pool: pg.Pool;
  queues: readonly QueueDefinition[];
  log: Log;
  /** Pause before a message that could not be recorded goes back. Default 1 s. */
  retryDelayMs?: number;
}): Promise<Subscription> {
  const { transport, pool, log } = options;
  const subscriptions: Subscription[] = [];
  const stopping = new AbortController();
  const close = async () => {
    stopping.abort();
    await Promise.all(subscriptions.map((s) => s.close()));
  };
  try {
    for (const queue of options.queues) {
      subscriptions.push(
        await transport.consume(
          queue.deadLetter,
          async (delivery) => {
            const row = describeDeadLetter(queue, delivery);
            try {
              if (await recordDeadLetter(pool, row))
                log.warn(
                  {
                    queue: row.queue,
                    reason: row.reason,
                    detail: row.detail,
                    messageId: row.messageId,
                    [SAGA_ID]: row.correlationId,
                    deadLetter: row.id,
                  },
                  "dead letter recorded",
                );
              return ack;
            } catch (err) {
              log.error({ err, queue: queue.deadLetter.name }, "cannot record a dead letter");
              await pause(options.retryDelayMs ?? 1_000, stopping.signal);
              throw err;
            }
          },
          { prefetch: 10 },
        ),
      );
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { close };
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

// Only the queues this instance consumes: it can send nothing else back.
const CLAIM_REPLAYS = prepared(`SELECT id, queue, body, headers FROM dead_letter
WHERE status = 'replaying' AND queue = ANY($2::text[])
ORDER BY resolved_at LIMIT $1 FOR UPDATE SKIP LOCKED`);
const MARK_REPLAYED = prepared(`UPDATE dead_letter
SET status = 'replayed', replayed_at = now(), replay_error = NULL WHERE id = ANY($1::uuid[])`);
const MARK_REPLAY_FAILED = prepared(`UPDATE dead_letter AS d SET replay_error = f.error
FROM unnest($1::uuid[], $2::text[]) AS f(id, error) WHERE d.id = f.id`);

/**
 * Sends the dead letters an operator asked to replay back to their queues; returns how many
 * went. One transaction: the rows stay locked (no second loop sends them) until marked.
 */
export async function replayRequested(
  pool: pg.Pool,
  transport: Pick<Transport, "sendToQueue">,
  queues: readonly QueueDefinition[],
  batchSize = 20,
): Promise<{ sent: number; failed: number }> {
  const byName = new Map(queues.map((q) => [q.name, q]));
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{
      id: string;
      queue: string;
      body: Buffer;
      headers: Record<string, unknown>;
    }>({ ...CLAIM_REPLAYS, values: [batchSize, [...byName.keys()]] });
    const sent: string[] = [];
    const failed: { id: string; error: string }[] = [];
    for (const row of rows) {
      const queue = byName.get(row.queue) as QueueDefinition;
      try {
        const headers = Object.fromEntries(
          Object.entries(row.headers).filter(([key]) => !DEATH_HEADERS.includes(key)),
        );
        await transport.sendToQueue(queue, {
          body: row.body,
          headers: { ...headers, [REPLAY_OF_HEADER]: row.id },
          messageId: row.id,
        });
        sent.push(row.id);
      } catch (err) {
        failed.push({ id: row.id, error: String(err).slice(0, 1000) });
      }
    }
    if (sent.length) await client.query({ ...MARK_REPLAYED, values: [sent] });
    if (failed.length)
      await client.query({
        ...MARK_REPLAY_FAILED,
        values: [failed.map((f) => f.id), failed.map((f) => f.error)],
      });
    await client.query("COMMIT");
    return { sent: sent.length, failed: failed.length };
  } catch (err) {
    broken = true;
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release(broken);
  }
}

const COLUMNS = `id, queue, reason, detail, message_id, type, version, correlation_id,
  substring(body from 1 for ${PAYLOAD_PREVIEW_BYTES}) AS preview, octet_length(body) AS size,
  headers, delivery_count, dead_lettered_at, drained_at, status, resolved_by, resolved_at,
  replayed_at, replay_error`;

const LIST = prepared(`SELECT ${COLUMNS} FROM dead_letter
WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR correlation_id = $2)
ORDER BY dead_lettered_at DESC, id LIMIT $3`);

const RESOLVE = prepared(`UPDATE dead_letter SET status = $2, resolved_by = $3, resolved_at = now()
WHERE id = $1 AND status = 'held' RETURNING ${COLUMNS}`);

const ONE = prepared(`SELECT ${COLUMNS} FROM dead_letter WHERE id = $1`);

interface Row {
  id: string;
  queue: string;
  reason: string;
  detail: string | null;
  message_id: string | null;
  type: string | null;
  version: number | null;
  correlation_id: string | null;
  preview: Buffer;
  size: number;
  headers: Record<string, unknown>;
  delivery_count: number;
  dead_lettered_at: Date;
  drained_at: Date;
  status: DeadLetterStatus;
  resolved_by: string | null;
  resolved_at: Date | null;
  replayed_at: Date | null;
  replay_error: string | null;
}

const toView = (r: Row): DeadLetterView => ({
  id: r.id,
  queue: r.queue,
  reason: r.reason,
  detail: r.detail,
  messageId: r.message_id,
  type: r.type,
  version: r.version,
  correlationId: r.correlation_id,
  payload: r.preview.toString("utf8"),
  payloadBytes: r.size,
  headers: r.headers,
  deliveryCount: r.delivery_count,
  deadLetteredAt: r.dead_lettered_at.toISOString(),
  drainedAt: r.drained_at.toISOString(),
  status: r.status,
  resolvedBy: r.resolved_by,
  resolvedAt: r.resolved_at?.toISOString() ?? null,
  replayedAt: r.replayed_at?.toISOString() ?? null,
  replayError: r.replay_error,
});

export async function listDeadLetters(
  pool: pg.Pool,
  input: ListDeadLettersInput,
): Promise<DeadLetterView[]> {
  const { rows } = await pool.query<Row>({
    ...LIST,
    values: [input.status ?? null, input.correlationId ?? null, input.limit ?? 50],
  });
  return rows.map(toView);
}

export type Resolution =
  { ok: true; deadLetter: DeadLetterView } | { ok: false; deadLetter: DeadLetterView | undefined };

/**
 * An operator's replay or discard of a held dead letter; refused (with the row as it is) when
 * it is not held any more: two operators clicking at once act once.
 */
export async function resolveDeadLetter(
  pool: pg.Pool,
  id: string,
  action: "replay" | "discard",
  by: string,
): Promise<Resolution> {
  const status = action === "replay" ? "replaying" : "discarded";
  const { rows } = await pool.query<Row>({ ...RESOLVE, values: [id, status, by] });
  if (rows[0]) return { ok: true, deadLetter: toView(rows[0]) };
  const current = await pool.query<Row>({ ...ONE, values: [id] });
  return { ok: false, deadLetter: current.rows[0] ? toView(current.rows[0]) : undefined };
}

const HELD = prepared(`SELECT queue, count(*)::int AS held FROM dead_letter
WHERE status IN ('held', 'replaying') GROUP BY queue`);

/** Dead letters not yet resolved (held, or replaying), per queue. */
export async function heldDeadLetters(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ queue: string; held: number }>(HELD);
  return new Map(rows.map((r) => [r.queue, r.held]));
}
