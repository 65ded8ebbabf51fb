import { describe, expect, it } from "vitest";
import type pg from "pg";
import { OutboxError } from "./errors";
import { pruneInbox, recordInbox } from "./inbox";
import { appendToOutbox, OUTBOX_CHANNEL } from "./outbox";
import type { PrismaTransaction, TransactionClient } from "./sql";
import { inTransaction, useTestDatabase } from "./test/database";
import { charge } from "./test/messages";

const database = useTestDatabase(6);
const pool = () => database.db.pool;

const outboxRows = async () =>
  (
    await pool().query<{ id: string; message: unknown; sent_at: Date | null }>(
      "SELECT * FROM outbox",
    )
  ).rows;

/** What a Prisma interactive transaction's `tx` offers, on a pg client, to test that path. */
const prismaLike = (client: pg.PoolClient): PrismaTransaction => ({
  $executeRawUnsafe: async (query, ...values) => (await client.query(query, values)).rowCount ?? 0,
});

describe("appendToOutbox", () => {
  it("stores the envelopes with the caller's commit, and nothing on a rollback", async () => {
    const [kept, lost] = [charge(1), charge(2)];
    await inTransaction(pool(), (tx) => appendToOutbox(tx, [kept]));
    await expect(
      inTransaction(pool(), async (tx) => {
        await appendToOutbox(tx, [lost]);
        throw new Error("the business change failed");
      }),
    ).rejects.toThrow("the business change failed");

    const rows = await outboxRows();
    expect(rows.map((r) => r.id)).toContain(kept.messageId);
    expect(rows.map((r) => r.id)).not.toContain(lost.messageId);
    expect(rows.find((r) => r.id === kept.messageId)).toMatchObject({
      message: kept,
      sent_at: null,
    });
  });

  it("works on a Prisma transaction's $executeRawUnsafe the same way", async () => {
    const messages = [charge(3), charge(4)];
    await inTransaction(pool(), (client) => appendToOutbox(prismaLike(client), messages));
    const ids = (await outboxRows()).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(messages.map((m) => m.messageId)));
  });

  it("notifies the relay's channel when the transaction commits, not before", async () => {
    const listener = await pool().connect();
    const heard: string[] = [];
    listener.on("notification", (n) => heard.push(n.channel));
    await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    try {
      const tx = await pool().connect();
      await tx.query("BEGIN");
      await appendToOutbox(tx, [charge(5)]);
      await new Promise((r) => setTimeout(r, 100));
      expect(heard).toEqual([]);
      await tx.query("COMMIT");
      tx.release();
      await expect.poll(() => heard).toEqual([OUTBOX_CHANNEL]);
    } finally {
      listener.release(true);
    }
  });

  it("refuses a pool, which would commit the message apart from the change", async () => {
    // The types refuse a pool too; this is what a cast or plain JavaScript gets.
    const notATransaction = pool() as unknown as TransactionClient;
    await expect(appendToOutbox(notATransaction, [charge()])).rejects.toBeInstanceOf(OutboxError);
  });

  it("refuses something that is not an envelope before it reaches the table", async () => {
    await expect(
      inTransaction(pool(), (tx) => appendToOutbox(tx, [{ ...charge(), messageId: "not-a-uuid" }])),
    ).rejects.toThrow();
  });
});

describe("recordInbox", () => {
  const key = () => ({ consumer: "payment-service.commands", messageId: crypto.randomUUID() });

  it("says a message is new the first time and already processed after that", async () => {
    const k = key();
    expect(await inTransaction(pool(), (tx) => recordInbox(tx, k))).toEqual({
      alreadyProcessed: false,
    });
    expect(await inTransaction(pool(), (tx) => recordInbox(tx, k))).toEqual({
      alreadyProcessed: true,
    });
    // Another consumer of the same message processes it once too.
    expect(
      await inTransaction(pool(), (tx) =>
        recordInbox(tx, { ...k, consumer: "order-service.events" }),
      ),
    ).toEqual({ alreadyProcessed: false });
  });

  it("forgets nothing when the handler's transaction rolls back", async () => {
    const k = key();
    await expect(
      inTransaction(pool(), async (tx) => {
        await recordInbox(tx, k);
        throw new Error("handler failed");
      }),
    ).rejects.toThrow();
    expect(await inTransaction(pool(), (tx) => recordInbox(tx, k))).toEqual({
      alreadyProcessed: false,
    });
  });

  it("makes a concurrent second delivery wait for the first, then see it as processed", async () => {
    const k = key();
    const first = await pool().connect();
    await first.query("BEGIN");
    expect(await recordInbox(first, k)).toEqual({ alreadyProcessed: false });
    const second = inTransaction(pool(), (tx) => recordInbox(tx, k));
    await new Promise((r) => setTimeout(r, 100));
    await first.query("COMMIT");
    first.release();
    expect(await second).toEqual({ alreadyProcessed: true });
  });

  it("prunes entries older than the window", async () => {
    const k = key();
    await inTransaction(pool(), (tx) => recordInbox(tx, k));
    await pool().query(
      "UPDATE inbox SET processed_at = now() - interval '2 days' WHERE message_id = $1",
      [k.messageId],
    );
    expect(await pruneInbox(pool(), 24 * 60 * 60 * 1000)).toBe(1);
    expect(await inTransaction(pool(), (tx) => recordInbox(tx, k))).toEqual({
      alreadyProcessed: false,
    });
  });
});
