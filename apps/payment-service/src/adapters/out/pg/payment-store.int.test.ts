import { randomUUID } from "node:crypto";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { randomIds, systemClock } from "@shop/service-kit";
import { chargeWallet } from "../../../application/charge-wallet";
import { payForOrder } from "../../../application/pay-for-order";
import type { PaymentDeps } from "../../../application/ports";
import { refundOrder } from "../../../application/refund-order";
import { MAX_BALANCE_CENTS } from "../../../domain/wallet";
import { useTestDatabase, walletsOffLedger } from "../../../test/database";
import { aKey, failingAfterDebit, fund, received } from "../../../test/fixtures";
import { paymentStoreContract } from "../../../test/store-contract";
import { PgPaymentStore } from "./payment-store";

// A pool of 10, as a service's default: the 200-way tests queue for connections like a burst of
// commands would.
const t = useTestDatabase(10);
const deps = (): PaymentDeps => ({
  store: new PgPaymentStore(t.db, systemClock),
  clock: systemClock,
  ids: randomIds,
});

paymentStoreContract("PostgreSQL", () => ({
  deps,
  walletsOffLedger: () => walletsOffLedger(t.db),
}));

const balanceOf = (userId: string) => deps().store.balanceOf(userId);
const payments = (userId: string, n: number, amountCents: number) =>
  Promise.all(
    Array.from({ length: n }, () => {
      const orderId = randomUUID();
      return payForOrder(deps(), { orderId, userId, amountCents }, received(orderId));
    }),
  );

/**
 * The store on a pool whose transactions run `before` just ahead of their first statement that
 * matches `read` (on the transaction's connection, before it is sent): a way to commit a
 * concurrent change at one exact point of a use case.
 */
function storeWithHook(read: RegExp, before: () => Promise<void>): PaymentDeps {
  const hooked = (client: pg.PoolClient) =>
    new Proxy(client, {
      get(target, key, receiver) {
        if (key !== "query") return Reflect.get(target, key, receiver) as unknown;
        return async (config: string | pg.QueryConfig, values?: unknown[]) => {
          const text = typeof config === "string" ? config : config.text;
          if (read.test(text)) await before();
          return values === undefined ? target.query(config) : target.query(config, values);
        };
      },
    });
  const pool = new Proxy(t.db.sql, {
    get(target, key, receiver) {
      if (key !== "connect") return Reflect.get(target, key, receiver) as unknown;
      return async () => hooked(await target.connect());
    },
  });
  const db = new Proxy(t.db, {
    get: (target, key, receiver) =>
      key === "sql" ? pool : (Reflect.get(target, key, receiver) as unknown),
  });
  return { ...deps(), store: new PgPaymentStore(db, systemClock) };
}

describe("PostgreSQL under concurrency", () => {
  it("a top-up that commits just after a pay was refused for want of balance: the pay goes through, never a negative shortfall or a failed command", async () => {
    const ann = randomUUID();
    await fund(deps(), ann, 500);
    // Once the guarded debit of 1,000 has been refused (500 < 1,000), a charge of 1,000 commits
    // before the pay reads the balance to say by how much it was short.
    let topUps = 0;
    const racing = storeWithHook(/SELECT balance_cents FROM wallet/, async () => {
      if (topUps++ === 0) await fund(deps(), ann, 1_000);
    });
    const orderId = randomUUID();
    const result = await payForOrder(
      racing,
      { orderId, userId: ann, amountCents: 1_000 },
      received(orderId),
    );
    expect(topUps).toBeGreaterThan(0);
    expect(result).toMatchObject({ duplicate: false, reply: { kind: "paid", amountCents: 1_000 } });
    expect(await balanceOf(ann)).toBe(500);
    expect(await walletsOffLedger(t.db)).toEqual([]);
  });

  it("200 parallel payments against a small balance: never negative, the ledger sums to the balance", async () => {
    const ann = randomUUID();
    await fund(deps(), ann, 10_000);
    const results = await payments(ann, 200, 150);
    const paid = results.filter((r) => !r.duplicate && r.reply.kind === "paid");
    const failed = results.filter((r) => !r.duplicate && r.reply.kind === "failed");
    expect(paid).toHaveLength(66); // 66 * 150 = 9,900 of 10,000
    expect(failed).toHaveLength(134);
    expect(await balanceOf(ann)).toBe(100);
    expect(await walletsOffLedger(t.db)).toEqual([]);
    // Every failure said how much was missing, from the balance its guarded debit saw.
    for (const r of failed)
      if (!r.duplicate && r.reply.kind === "failed" && r.reply.reason === "INSUFFICIENT_BALANCE")
        expect([50, 150]).toContain(r.reply.shortByCents);
  });

  it("payments, charges and refunds racing on one wallet keep balance == ledger and >= 0", async () => {
    const ann = randomUUID();
    await fund(deps(), ann, 5_000);
    const orders = Array.from({ length: 60 }, () => randomUUID());
    await Promise.all([
      ...orders.map((orderId) =>
        payForOrder(deps(), { orderId, userId: ann, amountCents: 200 }, received(orderId)),
      ),
      // Refunds of half the orders, racing their own pays (either may come first).
      ...orders.slice(0, 30).map((orderId) => refundOrder(deps(), orderId, received(orderId))),
      ...Array.from({ length: 20 }, () =>
        chargeWallet(deps(), ann, { amountCents: 100, idempotencyKey: aKey() }),
      ),
    ]);
    const balance = await balanceOf(ann);
    expect(balance).toBeGreaterThanOrEqual(0);
    expect(await walletsOffLedger(t.db)).toEqual([]);
    // Net: every refunded order took nothing, every charge added 100, each paid order 200.
    const kept = await t.db.payment.count({ where: { orderId: { in: orders }, status: "paid" } });
    expect(balance).toBe(5_000 + 20 * 100 - kept * 200);
    // No order that was refunded kept its money, whichever of its pay and refund came first.
    const refundedOnes = await t.db.payment.findMany({
      where: { orderId: { in: orders.slice(0, 30) } },
    });
    expect(refundedOnes).toHaveLength(30);
    for (const p of refundedOnes) expect(["refunded", "cancelled", "failed"]).toContain(p.status);
  });

  it("the same order paid by 20 messages at once: debited once, the same reply 20 times", async () => {
    const ann = randomUUID();
    await fund(deps(), ann, 1_000);
    const orderId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        payForOrder(deps(), { orderId, userId: ann, amountCents: 400 }, received(orderId)),
      ),
    );
    const replies = results.map((r) => (!r.duplicate ? r.reply : r));
    expect(new Set(replies.map((r) => JSON.stringify(r)))).toEqual(
      new Set([
        JSON.stringify({ kind: "paid", orderId, amountCents: 400, balanceAfterCents: 600 }),
      ]),
    );
    expect(results.filter((r) => !r.duplicate && !r.replayed)).toHaveLength(1);
    expect(await balanceOf(ann)).toBe(600);
    expect(await t.db.ledgerEntry.count({ where: { orderId } })).toBe(1);
  });

  it("one message delivered 10 times at once: processed once", async () => {
    const ann = randomUUID();
    await fund(deps(), ann, 1_000);
    const orderId = randomUUID();
    const command = received(orderId);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        payForOrder(deps(), { orderId, userId: ann, amountCents: 400 }, command),
      ),
    );
    expect(results.filter((r) => r.duplicate)).toHaveLength(9);
    expect(await balanceOf(ann)).toBe(600);
    expect(
      await t.db
        .$queryRaw`SELECT 1 FROM outbox WHERE message->>'causationId' = ${command.messageId}`,
    ).toHaveLength(1);
  });

  it("refunded by 10 messages at once: credited once", async () => {
    const ann = randomUUID();
    await fund(deps(), ann, 1_000);
    const orderId = randomUUID();
    await payForOrder(deps(), { orderId, userId: ann, amountCents: 400 }, received(orderId));
    const results = await Promise.all(
      Array.from({ length: 10 }, () => refundOrder(deps(), orderId, received(orderId))),
    );
    expect(results.filter((r) => !r.duplicate && !r.replayed)).toHaveLength(1);
    for (const r of results) expect(r).toMatchObject({ reply: { amountCents: 400 } });
    expect(await balanceOf(ann)).toBe(1_000);
  });

  it("a double-clicked charge (10 requests, one key, at once) charges once", async () => {
    const ann = randomUUID();
    const key = aKey();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        chargeWallet(deps(), ann, { amountCents: 2_000, idempotencyKey: key }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.value.replayed)).toHaveLength(1);
    expect(await balanceOf(ann)).toBe(2_000);
  });

  it("parallel charges near the balance limit never pass it", async () => {
    const ann = randomUUID();
    await fund(deps(), ann, MAX_BALANCE_CENTS - 1_000);
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        chargeWallet(deps(), ann, { amountCents: 300, idempotencyKey: aKey() }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(await balanceOf(ann)).toBe(MAX_BALANCE_CENTS - 100);
    expect(await walletsOffLedger(t.db)).toEqual([]);
  });
});

describe("the database's last lines of defence", () => {
  it("refuses a negative balance even from a direct write", async () => {
    const ann = randomUUID();
    await fund(deps(), ann, 100);
    await expect(
      t.db.$executeRaw`UPDATE wallet SET balance_cents = -1 WHERE user_id = ${ann}::uuid`,
    ).rejects.toThrow(/wallet_balance_non_negative/);
  });

  it("refuses a second debit of one order, and a payment entry that adds", async () => {
    const ann = randomUUID();
    await fund(deps(), ann, 1_000);
    const orderId = randomUUID();
    await payForOrder(deps(), { orderId, userId: ann, amountCents: 100 }, received(orderId));
    const entry = (amount: number, seq: number) =>
      t.db.ledgerEntry.create({
        data: {
          id: randomUUID(),
          userId: ann,
          seq,
          kind: "payment",
          amountCents: amount,
          balanceAfterCents: 0,
          orderId,
        },
      });
    await expect(entry(-100, 50)).rejects.toThrow();
    await expect(
      t.db.ledgerEntry.create({
        data: {
          id: randomUUID(),
          userId: ann,
          seq: 51,
          kind: "payment",
          amountCents: 100,
          balanceAfterCents: 0,
          orderId: randomUUID(),
        },
      }),
    ).rejects.toThrow(/ledger_entry_amount_sign/);
  });

  it("refuses to commit an order left pending (claimed and never decided)", async () => {
    const orderId = randomUUID();
    await expect(
      deps().store.transaction(async (tx) => {
        await tx.payments.claim(orderId, new Date());
      }),
    ).rejects.toThrow(/pending/);
    expect(await t.db.payment.count({ where: { orderId } })).toBe(0);
  });

  it("rolls everything back when a step fails: no inbox record, no debit, no reply", async () => {
    const ann = randomUUID();
    await fund(deps(), ann, 1_000);
    const orderId = randomUUID();
    const command = received(orderId);
    const broken = failingAfterDebit(deps());
    await expect(
      payForOrder(broken, { orderId, userId: ann, amountCents: 500 }, command),
    ).rejects.toThrow("payment record unavailable");
    expect(await balanceOf(ann)).toBe(1_000);
    expect(await t.db.payment.count({ where: { orderId } })).toBe(0);
    expect(
      await t.db.$queryRaw`SELECT 1 FROM inbox WHERE message_id = ${command.messageId}::uuid`,
    ).toHaveLength(0);
    expect(
      await t.db
        .$queryRaw`SELECT 1 FROM outbox WHERE message->>'causationId' = ${command.messageId}`,
    ).toHaveLength(0);
    // The redelivery then goes through in full.
    expect(
      await payForOrder(deps(), { orderId, userId: ann, amountCents: 500 }, command),
    ).toMatchObject({ duplicate: false, reply: { kind: "paid" } });
  });
});
