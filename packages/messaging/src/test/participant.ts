import type { Envelope, MessageDefinition, QueueContract } from "@shop/contracts";
import pg from "pg";
import { consumeMessages, handler, type Registration } from "../consumer";
import type { Log } from "../log";
import type { RabbitTransport } from "../rabbit-transport";
import { startOutboxRelay } from "../relay";
import { queue, queueFor, type QueueDefinition } from "../topology";
import { ack, deadLetterInfo, type DeadLetterInfo, type Subscription } from "../transport";
import { uniqueName } from "./names";
import { deleteTopology, rabbitTransport } from "./rabbit";
import { testLog } from "./silent-log";

/*
 * A saga participant as it runs in production, for its integration test: its handlers consume
 * a command queue of this run's own (bound like the service's, from the contracts) on the real
 * RabbitMQ; its outbox relay publishes their replies to a queue standing in for the
 * orchestrator's; what reaches the command queue's dead-letter queue is kept with its reason.
 */

export interface ParticipantHarness {
  readonly transport: RabbitTransport;
  /** The test's command queue: publish to the exchange with its bindings' types. */
  readonly commands: QueueDefinition;
  /** The pool the relay reads the outbox with (tests may query with it too). */
  readonly pool: pg.Pool;
  /** The replies the relay published, in the order the stand-in orchestrator received them. */
  readonly replies: Envelope[];
  /** What the command queue dead-lettered, with the reason the consumer gave. */
  readonly dead: { info: DeadLetterInfo | undefined; body: string }[];
  /** Forgets the replies and dead letters received so far. */
  clear(): void;
  /** Stops consuming and relaying, and deletes the test's queues and exchange. */
  close(): Promise<void>;
}

export async function startParticipantHarness(options: {
  /** The participant's database (its outbox and inbox). */
  databaseUrl: string;
  /** The service's queue, from the contracts. */
  commands: QueueContract;
  handlers: readonly Registration[];
  /** The reply types the stand-in orchestrator's queue is bound to. */
  replies: readonly MessageDefinition[];
  connectionName: string;
  /** The handlers' log (default: silent). */
  log?: Log;
  prefetch?: number;
}): Promise<ParticipantHarness> {
  const commands = queueFor(options.commands, {
    name: uniqueName(options.commands.name.replace(".", "-")),
  });
  const orchestrator = queue(uniqueName("order-replies"), { bindings: options.replies });
  const transport = rabbitTransport({ connectionName: options.connectionName });
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 3 });
  const replies: Envelope[] = [];
  const dead: ParticipantHarness["dead"] = [];
  const subscriptions: Subscription[] = [];
  await transport.declare([commands, orchestrator]);
  const relay = startOutboxRelay({ pool, transport, log: testLog, pollIntervalMs: 200 });
  subscriptions.push(
    await consumeMessages(transport, commands, options.handlers, {
      log: options.log ?? testLog,
      prefetch: options.prefetch ?? 10,
    }),
    await consumeMessages(
      transport,
      orchestrator,
      options.replies.map((d) => handler(d, async (m) => void replies.push(m))),
      { log: testLog },
    ),
    await transport.consume(
      commands.deadLetter,
      async (d) => {
        dead.push({ info: deadLetterInfo(d), body: d.body.toString() });
        return ack;
      },
      { prefetch: 10 },
    ),
  );
  return {
    transport,
    commands,
    pool,
    replies,
    dead,
    clear: () => {
      replies.length = 0;
      dead.length = 0;
    },
    close: async () => {
      await Promise.all(subscriptions.map((s) => s.close()));
      await relay.stop();
      await pool.end();
      await deleteTopology(transport.exchange, [commands, orchestrator]);
      await transport.close();
    },
  };
}
