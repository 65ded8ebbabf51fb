import type { RabbitTransport } from "@shop/messaging";
import type { Stack, StackService } from "../src/test/system/stack";
import { BAD_ID_HEADER, EXPECTED_REASON, type BadMessage } from "./bad-input";
import { dlqOf, ownerOf, queueStatsIfAny, SHOP_QUEUES } from "./broker";

/*
 * Every dead letter of the run, and whether the run can explain it.
 *
 * Each service that consumes a queue drains its dead-letter queues into the `dead_letter` table
 * of its database (@shop/messaging's dead-letters.ts): its rows are the dead letters, read once
 * the service's dead-letter queues are empty (drained); a message still waiting in one is
 * listed as unexplained (the drain did not take it).
 *
 * What explains one: it is one of the run's bad messages (matched by the x-chaos-id header it
 * was published with, which the row keeps), found in its own queue with its kind's reason.
 * Nothing else is explained: a checkout's command or reply in a dead-letter queue (a handler
 * that failed past the delivery limit, a reply the saga could not place) is a message the saga
 * did not act on, listed for a human. A bad message dead-lettered twice (its consumer died
 * between the dead-letter copy and its ack, so it was delivered and dead-lettered again) is
 * explained by at-least-once delivery and counted apart.
 */

export interface DeadLetter {
  readonly queue: string;
  readonly reason: string;
  readonly chaosId: string | undefined;
}

export interface DeadLetterReport {
  readonly all: DeadLetter[];
  /** The bad messages dead-lettered with their kind's reason (once each). */
  readonly matched: number;
  /** Bad messages dead-lettered again after a redelivery. */
  readonly repeats: number;
  /** Bad messages not found (or found with another reason): each named. */
  readonly missing: string[];
  /** Dead letters that are none of the bad messages: each named. */
  readonly unexplained: string[];
}

const CONSUMERS: readonly StackService[] = [
  "product-service",
  "coupon-service",
  "payment-service",
  "order-service",
];

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
  const left = await Promise.all(queues.map((q) => queueStatsIfAny(transport, q)));
  return [
    ...rows.map((r) => ({ queue: r.queue, reason: r.reason, chaosId: r.chaos_id ?? undefined })),
    ...queues.flatMap((q, i) =>
      Array.from({ length: left[i]?.messages ?? 0 }, () => ({
        queue: q,
        reason: "still in its dead-letter queue (not drained)",
        chaosId: undefined,
      })),
    ),
  ];
}

export async function collectDeadLetters(
  stack: Stack,
  transport: RabbitTransport,
  bad: readonly BadMessage[],
): Promise<DeadLetterReport> {
  const all: DeadLetter[] = [];
  for (const service of CONSUMERS) all.push(...(await fromTable(stack, transport, service)));
  const byId = new Map(bad.map((b) => [b.id, b]));
  const found = new Map<string, number>();
  const unexplained: string[] = [];
  for (const d of all) {
    const b = d.chaosId ? byId.get(d.chaosId) : undefined;
    const reasons = b ? [EXPECTED_REASON[b.kind]] : [];
    if (b && b.queue === d.queue && reasons.includes(d.reason)) {
      found.set(b.id, (found.get(b.id) ?? 0) + 1);
    } else
      unexplained.push(
        `${d.queue}: ${d.reason}${b ? ` (bad message ${b.kind}, expected ${reasons.join(" or ")})` : ""}`,
      );
  }
  const missing = bad
    .filter((b) => !found.has(b.id))
    .map((b) => `${b.queue}: ${b.kind} (expected ${EXPECTED_REASON[b.kind]})`);
  return {
    all,
    matched: found.size,
    repeats: [...found.values()].reduce((n, c) => n + c - 1, 0),
    missing,
    unexplained,
  };
}
