import type { RabbitTransport } from "@shop/messaging";
import type { Stack, StackService } from "../src/test/system/stack";
import { BAD_ID_HEADER, EXPECTED_REASON, type BadMessage } from "./bad-input";
import { dlqOf, ownerOf, peekAll, queueStatsIfAny, SHOP_QUEUES } from "./broker";

/*
 * Every dead letter of the run, and whether the run can explain it.
 *
 * Where they are read: each service that consumes a queue drains its dead-letter queues into a
 * `dead_letter` table of its database (queue, reason, detail, message_id, ..., headers jsonb,
 * status). Where a service's database has that table, its rows are the dead letters, read once
 * the service's dead-letter queues are empty (drained). Where it has not (before the drain
 * exists), the messages waiting in `<queue>.dlq` are: looked at and given back (peekAll), each
 * with the headers the consumer wrote (x-shop-dead-reason, x-shop-dead-queue) and the run's
 * marker; a passive declare says how many there are.
 *
 * What explains one: it is one of the run's bad messages (matched by the x-chaos-id header it
 * was published with), found in its own queue with its kind's reason. Nothing else is
 * explained: a checkout's command or reply in a dead-letter queue (a handler that failed past
 * the delivery limit, a reply the saga could not place) is a message the saga did not act on,
 * listed for a human. A bad message dead-lettered twice (its consumer died between the
 * dead-letter copy and its ack, so it was delivered and dead-lettered again) is explained by
 * at-least-once delivery and counted apart.
 */

export interface DeadLetter {
  readonly queue: string;
  readonly reason: string;
  readonly chaosId: string | undefined;
  readonly source: "table" | "dlq";
}

export interface DeadLetterReport {
  /** Where each service's dead letters were read. */
  readonly sources: Record<string, "table" | "dlq">;
  readonly all: DeadLetter[];
  /** The bad messages dead-lettered with their kind's reason (once each). */
  readonly matched: number;
  /** Bad messages dead-lettered again after a redelivery. */
  readonly repeats: number;
  /** Bad messages not found (or found with another reason): each named. */
  readonly missing: string[];
  /** Dead letters that are none of the bad messages: each named. */
  readonly unexplained: string[];
  /** The oversized messages' reason, when it was the schema's and not a size limit's. */
  readonly oversizedAs: string | undefined;
}

const CONSUMERS: readonly StackService[] = [
  "product-service",
  "coupon-service",
  "payment-service",
  "order-service",
];

async function hasTable(stack: Stack, service: StackService) {
  const { rows } = await stack
    .sql(service)
    .query<{ t: string | null }>("SELECT to_regclass('dead_letter')::text AS t");
  return rows[0]?.t !== null && rows[0]?.t !== undefined;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fromTable(
  stack: Stack,
  transport: RabbitTransport,
  service: StackService,
): Promise<DeadLetter[]> {
  // Drained first: the service's dead-letter queues empty (bounded; what is left is read too).
  const queues = SHOP_QUEUES.filter((q) => ownerOf(q.name) === service).map((q) => dlqOf(q.name));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const depths = await Promise.all(queues.map((q) => queueStatsIfAny(transport, q)));
    if (depths.every((d) => (d?.messages ?? 0) === 0)) break;
    await delay(500);
  }
  const { rows } = await stack.sql(service).query<{
    queue: string;
    reason: string;
    chaos_id: string | null;
  }>(`SELECT queue, reason, headers->>'${BAD_ID_HEADER}' AS chaos_id FROM dead_letter`);
  const left = (await Promise.all(queues.map((q) => fromQueue(transport, q)))).flat();
  return [
    ...rows.map((r) => ({
      queue: r.queue,
      reason: r.reason,
      chaosId: r.chaos_id ?? undefined,
      source: "table" as const,
    })),
    ...left,
  ];
}

async function fromQueue(transport: RabbitTransport, dlq: string): Promise<DeadLetter[]> {
  if (!(await queueStatsIfAny(transport, dlq))?.messages) return [];
  const of = dlq.replace(/\.dlq$/, "");
  return (await peekAll(transport, dlq)).map((m) => {
    const death = Array.isArray(m.headers["x-death"])
      ? (m.headers["x-death"][0] as { reason?: unknown } | undefined)
      : undefined;
    const reason = m.headers["x-shop-dead-reason"] ?? death?.reason ?? "(no reason header)";
    const id = m.headers[BAD_ID_HEADER];
    return {
      queue:
        typeof m.headers["x-shop-dead-queue"] === "string" ? m.headers["x-shop-dead-queue"] : of,
      reason: String(reason),
      chaosId: typeof id === "string" ? id : undefined,
      source: "dlq" as const,
    };
  });
}

export async function collectDeadLetters(
  stack: Stack,
  transport: RabbitTransport,
  bad: readonly BadMessage[],
): Promise<DeadLetterReport> {
  const sources: Record<string, "table" | "dlq"> = {};
  const all: DeadLetter[] = [];
  for (const service of CONSUMERS) {
    const table = await hasTable(stack, service);
    sources[service] = table ? "table" : "dlq";
    if (table) all.push(...(await fromTable(stack, transport, service)));
    else
      for (const q of SHOP_QUEUES.filter((q) => ownerOf(q.name) === service))
        all.push(...(await fromQueue(transport, dlqOf(q.name))));
  }
  // Without the drain's table there is no size limit either (they come together): a padded
  // payload is then refused by its schema.
  const withSizeLimit = Object.values(sources).every((s) => s === "table");
  const oversizedReasons = withSizeLimit ? ["oversized"] : ["oversized", "invalid_payload"];
  const byId = new Map(bad.map((b) => [b.id, b]));
  const found = new Map<string, number>();
  const unexplained: string[] = [];
  let oversizedAs: string | undefined;
  for (const d of all) {
    const b = d.chaosId ? byId.get(d.chaosId) : undefined;
    const reasons = b?.kind === "oversized" ? oversizedReasons : b ? [EXPECTED_REASON[b.kind]] : [];
    if (b && b.queue === d.queue && reasons.includes(d.reason)) {
      found.set(b.id, (found.get(b.id) ?? 0) + 1);
      if (b.kind === "oversized" && d.reason !== "oversized") oversizedAs = d.reason;
    } else
      unexplained.push(
        `${d.queue}: ${d.reason}${b ? ` (bad message ${b.kind}, expected ${reasons.join(" or ")})` : ""}`,
      );
  }
  const missing = bad
    .filter((b) => !found.has(b.id))
    .map((b) => `${b.queue}: ${b.kind} (expected ${EXPECTED_REASON[b.kind]})`);
  return {
    sources,
    all,
    matched: found.size,
    repeats: [...found.values()].reduce((n, c) => n + c - 1, 0),
    missing,
    unexplained,
    oversizedAs,
  };
}
