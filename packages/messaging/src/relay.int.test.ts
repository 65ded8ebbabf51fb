import type { Envelope } from "@shop/contracts";
import { createLogger } from "@shop/service-kit/logger";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { PublishError } from "./errors";
import { appendToOutbox } from "./outbox";
import type { RabbitTransport } from "./rabbit-transport";
import { RELAY_LOCK, relayBatch, startOutboxRelay, type OutboxRelay } from "./relay";
import { inTransaction, useTestDatabase } from "./test/database";
import { cardCharged, charge, chargeCard, charged } from "./test/messages";
import { uniqueName } from "./test/names";
import { NO_RABBITMQ } from "./test/names";
import { deleteTopology, rabbitTransport } from "./test/rabbit";
import { testLog } from "./test/silent-log";
import { queue, type QueueDefinition } from "./topology";
import { ack, type Delivery, type Transport } from "./transport";

/* The outbox relay against the real PostgreSQL and RabbitMQ. */

const database = useTestDatabase(10);
const pool = () => database.db.pool;
const waitOptions = { timeout: 15_000, interval: 25 };

let transport: RabbitTransport;
const queues: QueueDefinition[] = [];
const relays: OutboxRelay[] = [];
const received: string[] = [];

/** Messages the test queue got, by messageId. */
const idOf = (d: Delivery) => (JSON.parse(d.body.toString()) as Envelope).messageId;

beforeAll(async () => {
  transport = rabbitTransport();
  const q = queue(uniqueName("relay"), { bindings: [chargeCard] });
  queues.push(q);
  await transport.declare([q]);
  await transport.consume(
    q,
    async (d) => {
      received.push(idOf(d));
      return ack;
    },
    { prefetch: 200 },
  );
});

afterAll(async () => {
  await transport.close();
  await deleteTopology(transport.exchange, queues);
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
  await pool().query("DELETE FROM outbox");
  received.length = 0;
});

const start = (options: Partial<Parameters<typeof startOutboxRelay>[0]> = {}) => {
  const relay = startOutboxRelay({ pool: pool(), transport, log: testLog, ...options });
  relays.push(relay);
  return relay;
};

const append = (messages: Envelope[]) =>
  inTransaction(pool(), (tx) => appendToOutbox(tx, messages));

/** Resolves once a relay holds this database's relay lock. */
const relayLockHeld = () =>
  vi.waitFor(async () => {
    const { rows } = await pool().query(
      `SELECT count(*)::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objid = $1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [RELAY_LOCK],
    );
    expect(rows[0].n).toBe(1);
  }, waitOptions);

const unsent = async () =>
  Number((await pool().query("SELECT count(*) FROM outbox WHERE sent_at IS NULL")).rows[0].count);

describe.skipIf(NO_RABBITMQ)("the outbox relay", () => {
  it("publishes a committed message on NOTIFY, long before the next poll", async () => {
    // The poll is a minute away and the wait gives up after 15 s: only the NOTIFY can wake it.
    start({ pollIntervalMs: 60_000 });
    await new Promise((r) => setTimeout(r, 200)); // the relay is listening and idle
    const message = charge();
    await append([message]);
    await vi.waitFor(() => expect(received).toEqual([message.messageId]), waitOptions);
    await vi.waitFor(async () => expect(await unsent()).toBe(0), waitOptions);
  });

  it("publishes after a restart what was committed while no relay ran", async () => {
    // The process died between the business commit and the publish: nothing was sent.
    const messages = [charge(1), charge(2), charge(3)];
    await append(messages);
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toEqual([]);

    start({ pollIntervalMs: 60_000 }); // the restarted service
    await vi.waitFor(
      () => expect([...received].sort()).toEqual(messages.map((m) => m.messageId).sort()),
      waitOptions,
    );
  });

  it("frees the rows of a relay killed mid-publish, and another relay publishes them", async () => {
    const messages = [charge(1), charge(2)];
    await append(messages);
    // Relay A claims the rows, then hangs in publish (a frozen process)...
    let unfreeze!: () => void;
    const frozen = new Promise<void>((r) => (unfreeze = r));
    let inPublish!: (ids: string[]) => void;
    const publishing = new Promise<string[]>((r) => (inPublish = r));
    const stuck: Pick<Transport, "publish"> = {
      publish: (envelopes) => {
        inPublish(envelopes.map((e) => e.messageId));
        return frozen;
      },
    };
    const poolA = new pg.Pool({
      connectionString: database.url,
      application_name: "relay-a",
      max: 2,
    });
    poolA.on("error", () => undefined);
    const claimed = relayBatch(poolA, stuck, 100).catch((e: unknown) => e);
    expect((await publishing).sort()).toEqual(messages.map((m) => m.messageId).sort());
    // ...while it holds them, another relay finds nothing to take.
    expect(await relayBatch(pool(), transport, 100)).toEqual({ claimed: 0, sent: 0, failed: 0 });

    // A dies: its connection goes, and its locks with it.
    await pool().query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'relay-a'",
    );
    start({ pollIntervalMs: 100 });
    await vi.waitFor(
      () => expect([...received].sort()).toEqual(messages.map((m) => m.messageId).sort()),
      waitOptions,
    );
    unfreeze();
    expect(await claimed).toBeInstanceOf(Error); // A cannot mark anything: its transaction is gone
    await poolA.end();
    await vi.waitFor(async () => expect(await unsent()).toBe(0), waitOptions);
  });

  it("holds back a message no queue takes, without blocking the ones behind it", async () => {
    const orphan = charged(); // nothing is bound to test.card-charged yet
    const fine = [charge(1), charge(2)];
    await append([orphan, ...fine]);
    start({ pollIntervalMs: 100 });
    await vi.waitFor(
      () => expect([...received].sort()).toEqual(fine.map((m) => m.messageId).sort()),
      waitOptions,
    );
    await vi.waitFor(async () => {
      const { rows } = await pool().query("SELECT * FROM outbox WHERE id = $1", [orphan.messageId]);
      expect(rows[0]).toMatchObject({
        sent_at: null,
        last_error: expect.stringMatching(/^unroutable/),
      });
      expect(rows[0].attempts).toBeGreaterThanOrEqual(1);
    }, waitOptions);

    // Once its consumer declares a queue, the held-back message goes out.
    const late = queue(uniqueName("late"), { bindings: [cardCharged] });
    queues.push(late);
    const got: string[] = [];
    const sub = await transport.consume(late, async (d) => (got.push(idOf(d)), ack), {
      prefetch: 1,
    });
    await vi.waitFor(() => expect(got).toEqual([orphan.messageId]), waitOptions);
    await sub.close();
  });

  it("keeps holding back a message no queue takes after many attempts, and marks the rest sent", async () => {
    // Long enough unroutable (order-service's order.completed before anyone consumes it), the
    // backoff's 100 ms * 2^attempts must not overflow PostgreSQL's interval: that failed the
    // whole batch, so the messages published with it were never marked sent and went out again
    // on every poll.
    const orphan = charged();
    const fine = charge(3);
    await append([orphan, fine]);
    await pool().query("UPDATE outbox SET attempts = 200 WHERE id = $1", [orphan.messageId]);
    const unroutable: Pick<Transport, "publish"> = {
      publish: async () => {
        throw new PublishError([
          { messageId: orphan.messageId, reason: "unroutable", detail: "no queue is bound" },
        ]);
      },
    };
    expect(await relayBatch(pool(), unroutable, 10)).toEqual({ claimed: 2, sent: 1, failed: 1 });
    const { rows } = await pool().query(
      "SELECT attempts, extract(epoch FROM available_at - now()) AS wait FROM outbox WHERE id = $1",
      [orphan.messageId],
    );
    expect(rows[0].attempts).toBe(201);
    expect(Number(rows[0].wait)).toBeLessThanOrEqual(5);
    expect(await unsent()).toBe(1);
  });

  it("deletes sent rows once they are older than keepSentMs", async () => {
    start({ pollIntervalMs: 50, keepSentMs: 0, cleanupIntervalMs: 0 });
    await append([charge()]);
    await vi.waitFor(() => expect(received).toHaveLength(1), waitOptions);
    await vi.waitFor(async () => {
      expect(Number((await pool().query("SELECT count(*) FROM outbox")).rows[0].count)).toBe(0);
    }, waitOptions);
  });

  it("never publishes a row twice with two relays on one outbox (and how fast they go)", async () => {
    const published = new Map<string, number>();
    const byRelay = [0, 0];
    const counting = (relay: number): Pick<Transport, "publish"> => ({
      publish: async (envelopes) => {
        byRelay[relay] = (byRelay[relay] ?? 0) + envelopes.length;
        for (const e of envelopes)
          published.set(e.messageId, (published.get(e.messageId) ?? 0) + 1);
        await transport.publish(envelopes);
      },
    });
    const first = start({ transport: counting(0), batchSize: 100, pollIntervalMs: 100 });
    await relayLockHeld(); // the first leads, so stopping it hands over to the second
    start({ transport: counting(1), batchSize: 100, pollIntervalMs: 100 });
    const total = 4_000;
    const began = Date.now();
    // 40 transactions of 100 messages, 8 at a time, as concurrent use cases would commit; the
    // relay that publishes stops halfway, and the one standing by takes over.
    const batches = Array.from({ length: total / 100 }, () =>
      Array.from({ length: 100 }, () => charge()),
    );
    for (let i = 0; i < batches.length; i += 8) {
      if (i === 16) {
        await vi.waitFor(() => expect(received.length).toBeGreaterThan(0), waitOptions);
        await first.stop();
      }
      await Promise.all(batches.slice(i, i + 8).map((b) => append(b)));
    }

    await vi.waitFor(() => expect(received).toHaveLength(total), {
      ...waitOptions,
      timeout: 30_000,
    });
    const seconds = (Date.now() - began) / 1000;
    expect(published.size).toBe(total);
    expect([...published.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(received).size).toBe(total);
    expect(Math.min(...byRelay)).toBeGreaterThan(0); // the first published, then the second
    createLogger("messaging-throughput").info(
      { messages: total, seconds, perSecond: Math.round(total / seconds), byRelay },
      "outbox -> relay -> RabbitMQ (confirms, quorum queue) -> consumer, end to end",
    );
  }, 60_000);

  it("publishes with one relay at a time: the other stands by, and takes over when it goes", async () => {
    const byRelay = [0, 0];
    const counting = (relay: number): Pick<Transport, "publish"> => ({
      publish: async (envelopes) => {
        byRelay[relay] = (byRelay[relay] ?? 0) + envelopes.length;
        await transport.publish(envelopes);
      },
    });
    const first = start({ transport: counting(0), pollIntervalMs: 100 });
    await relayLockHeld();
    start({ transport: counting(1), pollIntervalMs: 100 });
    const early = Array.from({ length: 20 }, () => charge());
    for (const m of early) await append([m]);
    await vi.waitFor(() => expect(received).toHaveLength(20), waitOptions);
    expect(byRelay).toEqual([20, 0]);

    await first.stop();
    await append([charge()]);
    await vi.waitFor(() => expect(received).toHaveLength(21), waitOptions);
    expect(byRelay).toEqual([20, 1]);
  });
});
