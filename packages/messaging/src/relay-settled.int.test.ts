import type { Envelope } from "@shop/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InMemoryTransport } from "./memory-transport";
import { appendToOutbox } from "./outbox";
import { startOutboxRelay, type OutboxRelay } from "./relay";
import { inTransaction, useTestDatabase } from "./test/database";
import { charge, chargeCard } from "./test/messages";
import { testLog } from "./test/silent-log";
import { queue } from "./topology";
import { ack, type Delivery } from "./transport";

/*
 * The embedded host's guarantee, with the real relay on PostgreSQL: on an in-memory transport
 * with confirm "settled" an outbox row is marked sent only once a consumer has settled its
 * message, so a process that dies before loses nothing (the row is sent again on restart).
 */

const database = useTestDatabase(5);
const pool = () => database.db.pool;
const waitOptions = { timeout: 10_000, interval: 25 };
const q = queue("relay-settled", { bindings: [chargeCard] });

const relays: OutboxRelay[] = [];
const transports: InMemoryTransport[] = [];
const latches: (() => void)[] = [];

afterEach(async () => {
  latches.splice(0).forEach((release) => release());
  await Promise.all(relays.splice(0).map((r) => r.stop()));
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await pool().query("DELETE FROM outbox");
});

/** A transport whose one consumer records each message and acks it once `release` is called. */
async function heldConsumer(confirm: "queued" | "settled") {
  const transport = new InMemoryTransport({ confirm });
  transports.push(transport);
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  latches.push(release);
  const received: string[] = [];
  await transport.consume(
    q,
    async (d: Delivery) => {
      received.push((JSON.parse(d.body.toString()) as Envelope).messageId);
      await released;
      return ack;
    },
    { prefetch: 10 },
  );
  return { transport, received, release };
}

const start = (transport: InMemoryTransport) => {
  const relay = startOutboxRelay({ pool: pool(), transport, log: testLog, pollIntervalMs: 50 });
  relays.push(relay);
  return relay;
};

const append = (messages: Envelope[]) =>
  inTransaction(pool(), (tx) => appendToOutbox(tx, messages));

/** The committed state of the row, as a restarted relay would find it. */
const row = async (id: string) =>
  (await pool().query("SELECT sent_at, last_error FROM outbox WHERE id = $1", [id])).rows[0] as {
    sent_at: Date | null;
    last_error: string | null;
  };

describe("the outbox relay on an in-memory transport with confirm: settled", () => {
  it("marks a row sent only after its consumer acked the message", async () => {
    const consumer = await heldConsumer("settled");
    start(consumer.transport);
    const message = charge();
    await append([message]);

    await vi.waitFor(() => expect(consumer.received).toEqual([message.messageId]), waitOptions);
    await new Promise((r) => setTimeout(r, 200)); // room for a wrong early commit
    expect((await row(message.messageId)).sent_at).toBeNull();

    consumer.release();
    await vi.waitFor(
      async () => expect((await row(message.messageId)).sent_at).toBeInstanceOf(Date),
      waitOptions,
    );
    expect(consumer.received).toEqual([message.messageId]); // sent once
  });

  it("leaves the row unsent when the transport closes before the consumer settled, and sends it again", async () => {
    const before = await heldConsumer("settled");
    const relay = start(before.transport);
    const message = charge();
    await append([message]);
    await vi.waitFor(() => expect(before.received).toEqual([message.messageId]), waitOptions);

    // The process goes down while the handler still holds the message (its transaction never
    // committed): the confirm fails, and the relay puts the row back.
    const closing = before.transport.close();
    await vi.waitFor(
      async () => expect((await row(message.messageId)).last_error).toMatch(/^rejected/),
      waitOptions,
    );
    await relay.stop();
    before.release();
    await closing;
    expect((await row(message.messageId)).sent_at).toBeNull();

    // The restart: a new transport and relay send the row again, and this time it is acked.
    const after = await heldConsumer("settled");
    after.release();
    start(after.transport);
    await vi.waitFor(
      async () => expect((await row(message.messageId)).sent_at).toBeInstanceOf(Date),
      waitOptions,
    );
    expect(after.received).toEqual([message.messageId]);
  });

  it("by contrast, with the default (queued) marks the row sent while the consumer still holds it", async () => {
    // Why the embedded host needs "settled": with "queued" a crash now would lose the message.
    const consumer = await heldConsumer("queued");
    start(consumer.transport);
    const message = charge();
    await append([message]);
    await vi.waitFor(
      async () => expect((await row(message.messageId)).sent_at).toBeInstanceOf(Date),
      waitOptions,
    );
    expect(consumer.received).toEqual([message.messageId]); // delivered, not yet acked
  });
});
