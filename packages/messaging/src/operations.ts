import type { QueueStatusView, ServiceOpsView } from "@shop/contracts";
import { err, notFound, ok } from "@shop/kernel";
import type { ServiceOperations } from "@shop/service-kit/operations";
import type pg from "pg";
import { heldDeadLetters, listDeadLetters, resolveDeadLetter } from "./dead-letters";
import { RELAY_LOCK } from "./relay";
import { prepared } from "./sql";
import type { QueueDefinition } from "./topology";
import type { Transport } from "./transport";

/*
 * The operations console's view of one service's messaging: each queue as the broker counts it
 * (a passive declare answers the depth and the consumers), the dead letters the service drained,
 * and its outbox. A broker that does not answer blanks its figures and says so; the rest shows.
 */

const OUTBOX = prepared(`SELECT count(*)::int AS unsent,
  (extract(epoch FROM now() - min(created_at)) * 1000)::float8 AS oldest_ms,
  (count(*) FILTER (WHERE attempts > 0))::int AS failing
FROM outbox WHERE sent_at IS NULL`);

// The relay lock is a session advisory lock on one bigint key: pg_locks shows it as classid
// (high half), objid (low half), objsubid 1, in this database.
const RELAY_LEADER = prepared(`SELECT a.application_name AS leader FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = ${RELAY_LOCK}
  AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`);

export function messagingOperations(options: {
  pool: pg.Pool;
  transport: Pick<Transport, "stats">;
  queues: readonly QueueDefinition[];
}): ServiceOperations {
  const { pool, transport, queues } = options;
  const countOf = async (q: Parameters<Transport["stats"]>[0]) => {
    try {
      return await transport.stats(q);
    } catch {
      return undefined;
    }
  };
  return {
    async status(): Promise<ServiceOpsView> {
      const problems: string[] = [];
      const [held, outbox, leader, ...stats] = await Promise.all([
        heldDeadLetters(pool),
        pool.query<{ unsent: number; oldest_ms: number | null; failing: number }>(OUTBOX),
        pool.query<{ leader: string }>(RELAY_LEADER),
        ...queues.flatMap((q) => [countOf(q), countOf(q.deadLetter)]),
      ]);
      const views: QueueStatusView[] = queues.map((q, i) => {
        const own = stats[2 * i];
        const dead = stats[2 * i + 1];
        if (!own || !dead) problems.push(`The broker did not answer for ${q.name}`);
        return {
          name: q.name,
          messages: own?.messages ?? null,
          consumers: own?.consumers ?? null,
          deadLetterQueue: { name: q.deadLetter.name, messages: dead?.messages ?? null },
          deadLettersHeld: held.get(q.name) ?? 0,
        };
      });
      const o = outbox.rows[0];
      return {
        queues: views,
        outbox: {
          unsent: o?.unsent ?? 0,
          oldestUnsentMs:
            o?.oldest_ms === null || o?.oldest_ms === undefined ? null : Math.round(o.oldest_ms),
          failing: o?.failing ?? 0,
          relayLeader: leader.rows[0]?.leader ?? null,
        },
        problems,
      };
    },
    listDeadLetters: (input) => listDeadLetters(pool, input),
    async resolveDeadLetter(id, action, by) {
      const outcome = await resolveDeadLetter(pool, id, action, by);
      if (outcome.ok) return ok(outcome.deadLetter);
      if (!outcome.deadLetter) return err(notFound("No such dead letter"));
      return err({
        code: "DEAD_LETTER_RESOLVED",
        message: `This dead letter was already ${outcome.deadLetter.status}`,
        status: outcome.deadLetter.status,
      });
    },
  };
}
