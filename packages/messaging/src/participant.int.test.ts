import { createReply } from "@shop/contracts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { consumeMessages, handler } from "./consumer";
import { recordInbox } from "./inbox";
import { appendToOutbox } from "./outbox";
import { startParticipant } from "./participant";
import type { RabbitTransport } from "./rabbit-transport";
import { inTransaction, useTestDatabase } from "./test/database";
import { cardCharged, charge, chargeCard } from "./test/messages";
import { uniqueName } from "./test/names";
import { NO_RABBITMQ } from "./test/names";
import { deleteTopology, rabbitTransport } from "./test/rabbit";
import { testLog } from "./test/silent-log";
import { queue } from "./topology";
import type { Subscription } from "./transport";

/*
 * A participant as a service starts it (relay, command consumer, inbox pruning) on the real
 * PostgreSQL and RabbitMQ, and its ordered stop: a command in flight when stop() is called
 * commits, and its reply is published before stop() resolves.
 */

const database = useTestDatabase(10);

const commands = queue(uniqueName("participant-commands"), { bindings: [chargeCard] });
const replies = queue(uniqueName("participant-replies"), { bindings: [cardCharged] });

let transport: RabbitTransport;
let replySubscription: Subscription;
const repliesSeen: string[] = [];
/** While set, the handler waits on it before it commits. */
let gate: Promise<void> | undefined;
let handlerStarted: () => void = () => undefined;

beforeAll(async () => {
  transport = rabbitTransport();
  await transport.declare([commands, replies]);
  replySubscription = await consumeMessages(
    transport,
    replies,
    [handler(cardCharged, async (reply) => void repliesSeen.push(reply.payload.orderId))],
    { log: testLog },
  );
});

afterAll(async () => {
  await replySubscription?.close();
  await transport?.close();
  if (transport) await deleteTopology(transport.exchange, [commands, replies]);
});

const commandConsumer = () => ({
  queue: commands,
  handlers: [
    handler(chargeCard, async (command, ctx) => {
      handlerStarted();
      await gate;
      await inTransaction(database.db.pool, async (tx) => {
        const key = { consumer: ctx.queue, messageId: command.messageId };
        if ((await recordInbox(tx, key)).alreadyProcessed) return;
        await appendToOutbox(tx, [
          createReply(command, cardCharged, { orderId: command.payload.orderId }),
        ]);
      });
    }),
  ],
});

const unsent = async () =>
  (
    await database.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL",
    )
  ).rows[0]!.n;
const inboxRows = async () =>
  (await database.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM inbox")).rows[0]!.n;

const start = (options: { inboxKeepMs: number; pruneEveryMs?: number }) =>
  startParticipant({
    transport,
    pool: database.db.pool,
    consumers: [commandConsumer()],
    log: testLog,
    ...options,
  });

describe.skipIf(NO_RABBITMQ)("startParticipant", () => {
  it("handles commands, relays their replies and prunes the inbox", async () => {
    const participant = await start({ inboxKeepMs: 0, pruneEveryMs: 50 });
    try {
      const command = charge(700);
      await transport.publish([command]);
      await vi.waitFor(() => expect(repliesSeen).toContain(command.payload.orderId), {
        timeout: 10_000,
      });
      await vi.waitFor(async () => expect(await inboxRows()).toBe(0), { timeout: 5_000 });
    } finally {
      await participant.stop();
    }
  });

  it("stops in order: the handler in flight commits, then its reply is published", async () => {
    const participant = await start({ inboxKeepMs: 60_000 });
    let release!: () => void;
    gate = new Promise<void>((resolve) => (release = resolve));
    const started = new Promise<void>((resolve) => (handlerStarted = resolve));
    const command = charge(800);
    await transport.publish([command]);
    await started;

    const stopped = participant.stop();
    await new Promise((r) => setTimeout(r, 100));
    release();
    await stopped;
    gate = undefined;

    expect(await unsent()).toBe(0);
    await vi.waitFor(() => expect(repliesSeen).toContain(command.payload.orderId), {
      timeout: 10_000,
    });
  });
});
