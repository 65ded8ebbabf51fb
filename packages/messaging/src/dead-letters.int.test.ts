import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { handler } from "./consumer";
import {
  describeDeadLetter,
  listDeadLetters,
  recordDeadLetter,
  replayRequested,
  resolveDeadLetter,
} from "./dead-letters";
import { encodeEnvelope } from "./envelope";
import { recordInbox } from "./inbox";
import { messagingOperations } from "./operations";
import { startParticipant, type Participant } from "./participant";
import type { RabbitTransport } from "./rabbit-transport";
import { inTransaction, useTestDatabase } from "./test/database";
import { cardCharged, charge, chargeCard } from "./test/messages";
import { NO_RABBITMQ, uniqueName } from "./test/names";
import { deleteTopology, rabbitTransport } from "./test/rabbit";
import { testLog } from "./test/silent-log";
import { queue } from "./topology";

/*
 * Dead letters as a service runs them, on the real PostgreSQL and RabbitMQ: the participant
 * drains its dead-letter queue into the table, an operator replays or discards, and the replay
 * loop puts the bytes back on the queue they came from.
 */

const database = useTestDatabase(10);
const ADMIN = "00000000-0000-4000-8000-0000000000ad";
const wait = { timeout: 15_000, interval: 50 };

// Delivery limit 1: a handler that fails twice dead-letters the command (quick, for the test).
const commands = queue(uniqueName("dead-letter-commands"), {
  bindings: [chargeCard],
  deliveryLimit: 1,
});

/** A queue with the same bindings that no participant consumes. */
const elsewhere = queue(uniqueName("dead-letter-elsewhere"), { bindings: [cardCharged] });

let transport: RabbitTransport;
let participant: Participant;
/** While true the handler throws: the participant "cannot handle it" (its database is down). */
let broken = false;

const rows = async () => listDeadLetters(database.db.pool, { limit: 100 });
const charges = async (orderId: string) =>
  (
    await database.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM charge WHERE order_id = $1",
      [orderId],
    )
  ).rows[0]?.n;

beforeAll(async () => {
  const { pool } = database.db;
  await pool.query("CREATE TABLE charge (order_id text NOT NULL, amount_cents int NOT NULL)");
  transport = rabbitTransport();
  participant = await startParticipant({
    transport,
    pool,
    inboxKeepMs: 60_000,
    replayEveryMs: 100,
    relay: { pollIntervalMs: 100 },
    log: testLog as never,
    consumers: [
      {
        queue: commands,
        retryDelayMs: () => 10,
        handlers: [
          handler(chargeCard, async (command, ctx) => {
            if (broken) throw new Error("the database is down");
            await inTransaction(pool, async (tx) => {
              const key = { consumer: ctx.queue, messageId: command.messageId };
              if ((await recordInbox(tx, key)).alreadyProcessed) return;
              await tx.query("INSERT INTO charge VALUES ($1, $2)", [
                command.payload.orderId,
                command.payload.amountCents,
              ]);
            });
          }),
        ],
      },
    ],
  });
});

afterAll(async () => {
  await participant?.stop();
  await transport?.close();
  if (transport) await deleteTopology(transport.exchange, [commands, elsewhere]);
});

describe.skipIf(NO_RABBITMQ)("dead letters: drained, listed, replayed, discarded", () => {
  it("drains a malformed message into the table with its reason, and the broker's queue empties", async () => {
    await transport.sendToQueue(commands, {
      body: Buffer.from("{not json"),
      headers: {},
      messageId: crypto.randomUUID(),
    });
    await vi.waitFor(async () => {
      expect((await rows()).filter((r) => r.reason === "invalid_json")).toHaveLength(1);
    }, wait);
    const [row] = (await rows()).filter((r) => r.reason === "invalid_json");
    expect(row).toMatchObject({
      queue: commands.name,
      status: "held",
      payload: "{not json",
      messageId: null,
    });
    expect((await transport.stats(commands.deadLetter)).messages).toBe(0);
    const status = await messagingOperations({
      pool: database.db.pool,
      transport,
      queues: [commands],
    }).status();
    expect(status.queues[0]).toMatchObject({
      name: commands.name,
      messages: 0,
      consumers: 1,
      deadLetterQueue: { messages: 0 },
      deadLettersHeld: 1,
    });
    // The test's pool has no application name; that a leader is found at all is the point.
    expect(status.outbox?.relayLeader).not.toBeNull();
  });

  it("a command dead-lettered while its handler could not run is replayed once the cause is gone, and handled once", async () => {
    broken = true;
    const command = charge(700);
    await transport.publish([command]);
    await vi.waitFor(async () => {
      expect((await rows()).find((r) => r.messageId === command.messageId)).toBeDefined();
    }, wait);
    const dead = (await rows()).find((r) => r.messageId === command.messageId);
    expect(dead).toMatchObject({
      reason: "delivery_limit",
      type: chargeCard.type,
      version: 1,
      correlationId: command.correlationId,
      status: "held",
    });
    expect(dead?.deliveryCount).toBeGreaterThanOrEqual(2);
    expect(await charges(command.payload.orderId)).toBe(0);

    broken = false;
    const replay = await resolveDeadLetter(database.db.pool, dead!.id, "replay", ADMIN);
    expect(replay).toMatchObject({
      ok: true,
      deadLetter: { status: "replaying", resolvedBy: ADMIN },
    });
    await vi.waitFor(async () => expect(await charges(command.payload.orderId)).toBe(1), wait);
    await vi.waitFor(async () => {
      const after = (await rows()).find((r) => r.id === dead!.id);
      expect(after).toMatchObject({ status: "replayed", resolvedBy: ADMIN });
      expect(after?.replayedAt).not.toBeNull();
    }, wait);
  });

  it("replaying a command that was in fact processed changes nothing (its inbox row)", async () => {
    const command = charge(300);
    await transport.publish([command]);
    await vi.waitFor(async () => expect(await charges(command.payload.orderId)).toBe(1), wait);
    // The same command as a dead letter (a copy dead-lettered during an outage, say).
    const copy = describeDeadLetter(commands, {
      body: encodeEnvelope(command),
      headers: { "x-shop-dead-reason": "delivery_limit", "x-shop-dead-id": crypto.randomUUID() },
      deliveryCount: 1,
    });
    expect(await recordDeadLetter(database.db.pool, copy)).toBe(true);
    expect(await recordDeadLetter(database.db.pool, copy)).toBe(false); // drained twice: one row
    expect((await resolveDeadLetter(database.db.pool, copy.id, "replay", ADMIN)).ok).toBe(true);
    await vi.waitFor(async () => {
      expect((await rows()).find((r) => r.id === copy.id)?.status).toBe("replayed");
    }, wait);
    // Long enough for the consumer to have taken the replayed copy (the queue is empty again).
    await vi.waitFor(async () => expect((await transport.stats(commands)).messages).toBe(0), wait);
    expect(await charges(command.payload.orderId)).toBe(1);
  });

  it("replaying a message still malformed dead-letters it again, as a new row with its reason", async () => {
    const [held] = (await rows()).filter((r) => r.reason === "invalid_json" && r.status === "held");
    expect((await resolveDeadLetter(database.db.pool, held!.id, "replay", ADMIN)).ok).toBe(true);
    await vi.waitFor(async () => {
      const all = (await rows()).filter((r) => r.reason === "invalid_json");
      expect(all.map((r) => r.status).sort()).toEqual(["held", "replayed"]);
    }, wait);
  });

  it("two operators at once: one replay or discard wins, the other is told it is resolved", async () => {
    const copy = describeDeadLetter(commands, {
      body: Buffer.from("[]"),
      headers: { "x-shop-dead-reason": "invalid_envelope" },
      deliveryCount: 1,
    });
    await recordDeadLetter(database.db.pool, copy);
    const outcomes = await Promise.all([
      resolveDeadLetter(database.db.pool, copy.id, "replay", ADMIN),
      resolveDeadLetter(database.db.pool, copy.id, "discard", ADMIN),
      resolveDeadLetter(database.db.pool, copy.id, "discard", ADMIN),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).every((o) => o.deadLetter?.id === copy.id)).toBe(true);
    const missing = await resolveDeadLetter(
      database.db.pool,
      crypto.randomUUID(),
      "discard",
      ADMIN,
    );
    expect(missing).toEqual({ ok: false, deadLetter: undefined });
  });

  it("a replay that fails midway stays in the table as replaying, with the error, and goes later", async () => {
    // A queue the running participant does not consume: its replay loop leaves the row alone.
    await transport.declare([elsewhere]);
    const copy = describeDeadLetter(elsewhere, {
      body: encodeEnvelope(charge(900)),
      headers: { "x-shop-dead-reason": "delivery_limit", "x-shop-dead-id": crypto.randomUUID() },
      deliveryCount: 1,
    });
    await recordDeadLetter(database.db.pool, copy);
    expect((await resolveDeadLetter(database.db.pool, copy.id, "replay", ADMIN)).ok).toBe(true);
    const failing = {
      sendToQueue: async () => {
        throw new Error("the broker went away");
      },
    };
    await vi.waitFor(async () => {
      expect((await replayRequested(database.db.pool, failing, [elsewhere])).failed).toBe(1);
    }, wait);
    const row = (await rows()).find((r) => r.id === copy.id);
    expect(row).toMatchObject({ status: "replaying" });
    expect(row?.replayError).toContain("the broker went away");
    expect((await transport.stats(elsewhere)).messages).toBe(0);

    await vi.waitFor(async () => {
      expect((await replayRequested(database.db.pool, transport, [elsewhere])).sent).toBe(1);
    }, wait);
    expect((await rows()).find((r) => r.id === copy.id)).toMatchObject({
      status: "replayed",
      replayError: null,
    });
    // Back on the one queue it came from, as it was, without the marks of its death.
    await vi.waitFor(async () => expect((await transport.stats(elsewhere)).messages).toBe(1), wait);
  });
});
