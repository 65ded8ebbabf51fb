import { randomUUID } from "node:crypto";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { randomIds, systemClock } from "@shop/service-kit";
import { chargeWallet } from "../../../application/charge-wallet";
import { payForOrder } from "../../../application/pay-for-order";
import type { PaymentDeps } from "../../../application/ports";
import { refundOrder } from "../../../application/refund-order";
import { refundPart } from "../../../application/refund-part";
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

describe("partial refunds on PostgreSQL under concurrency", () => {
  const part = (orderId: string, amountCents: number, refundId: string = randomUUID()) =>
    refundPart(deps(), { orderId, refundId, amountCents }, received(refundId));
  /** A paid order of `amountCents` from a wallet funded with `fundedCents`. */
  async function paidOrder(fundedCents: number, amountCents: number) {
    const ann = randomUUID();
    await fund(deps(), ann, fundedCents);
    const orderId = randomUUID();
    const paid = await payForOrder(
      deps(),
      { orderId, userId: ann, amountCents },
      received(orderId),
    );
    expect(paid).toMatchObject({ reply: { kind: "paid" } });
    return { ann, orderId };
  }
  const refundedCents = async (orderId: string) =>
    (await t.db.payment.findUniqueOrThrow({ where: { orderId } })).refundedCents;
  const creditedByRefunds = async (orderId: string) =>
    (
      await t.db.ledgerEntry.aggregate({
        where: { orderId, kind: "refund" },
        _sum: { amountCents: true },
      })
    )._sum.amountCents ?? 0;

  // Red if the guard is not in the statement: without `refunded_cents + amount <= amount_cents`
  // in take()'s UPDATE, the CHECK fails some of the commands (the race throws); without both,
  // more than 6 are credited and the balance passes 1,900.
  it("10 partial refunds of one payment at once, adding up to more than it paid: never more than it paid is credited", async () => {
    const { ann, orderId } = await paidOrder(1_000, 1_000);
    const results = await Promise.all(Array.from({ length: 10 }, () => part(orderId, 150)));
    const replies = results.map((r) => (r.duplicate ? null : r.reply));
    const credited = replies.filter((r) => r?.kind === "part-refunded");
    const refused = replies.filter((r) => r?.kind === "part-refund-refused");
    expect(credited).toHaveLength(6); // 6 * 150 = 900 of 1,000
    expect(refused).toHaveLength(4);
    for (const r of refused)
      expect(r).toMatchObject({ reason: "EXCEEDS_PAYMENT", refundableCents: 100 });
    expect(await balanceOf(ann)).toBe(900);
    expect(await refundedCents(orderId)).toBe(900);
    expect(await creditedByRefunds(orderId)).toBe(900);
    expect(await t.db.ledgerEntry.count({ where: { orderId, kind: "refund" } })).toBe(6);
    // Every balance a reply named is one the wallet had: the credits serialized.
    expect(
      new Set(credited.map((r) => (r?.kind === "part-refunded" ? r.balanceAfterCents : -1))),
    ).toEqual(new Set([150, 300, 450, 600, 750, 900]));
    expect(await walletsOffLedger(t.db)).toEqual([]);
  });

  it("50 partial refunds of assorted amounts at once: what they credit is what the payment records, never more than it paid", async () => {
    const { ann, orderId } = await paidOrder(5_000, 3_000);
    const amounts = Array.from({ length: 50 }, (_, i) => 37 + ((i * 97) % 400));
    const results = await Promise.all(amounts.map((a) => part(orderId, a)));
    let credited = 0;
    for (const r of results) {
      if (r.duplicate) throw new Error("a new message cannot be a duplicate");
      if (r.reply.kind === "part-refunded") credited += r.reply.amountCents;
      // A refusal is right: what was left when it was decided could not hold it.
      else expect(r.reply.refundableCents).toBeLessThan(amounts[results.indexOf(r)] ?? 0);
    }
    expect(credited).toBeLessThanOrEqual(3_000);
    expect(credited).toBeGreaterThan(3_000 - 437); // refusals only once little was left
    expect(await refundedCents(orderId)).toBe(credited);
    expect(await creditedByRefunds(orderId)).toBe(credited);
    expect(await balanceOf(ann)).toBe(5_000 - 3_000 + credited);
    expect(await walletsOffLedger(t.db)).toEqual([]);
  });

  it("one refund id in 10 messages at once: credited once, the same reply to all", async () => {
    const { ann, orderId } = await paidOrder(1_000, 800);
    const refundId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => part(orderId, 300, refundId)),
    );
    const replies = new Set(results.map((r) => JSON.stringify(r.duplicate ? r : r.reply)));
    expect(replies).toEqual(
      new Set([
        JSON.stringify({
          kind: "part-refunded",
          orderId,
          refundId,
          amountCents: 300,
          balanceAfterCents: 500,
        }),
      ]),
    );
    expect(results.filter((r) => !r.duplicate && !r.replayed)).toHaveLength(1);
    expect(await balanceOf(ann)).toBe(500);
    expect(await t.db.ledgerEntry.count({ where: { refundId } })).toBe(1);
  });

  it("a whole refund racing partial ones: together they give back exactly what was paid", async () => {
    const { ann, orderId } = await paidOrder(2_000, 1_000);
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => part(orderId, 100)),
      refundOrder(deps(), orderId, received(orderId)),
      ...Array.from({ length: 8 }, () => part(orderId, 100)),
    ]);
    const parts = results.filter((r) => !r.duplicate && r.reply.kind === "part-refunded").length;
    const whole = results.find((r) => !r.duplicate && r.reply.kind === "refunded");
    expect(whole).toMatchObject({ reply: { amountCents: 1_000 - parts * 100 } });
    // A partial refund is refused only once nothing is left: NOT_PAID after the whole refund,
    // or EXCEEDS_PAYMENT when ten partial ones took it all before the whole one ran.
    const refusal = parts === 10 ? ["NOT_PAID", "EXCEEDS_PAYMENT"] : ["NOT_PAID"];
    for (const r of results)
      if (!r.duplicate && r.reply.kind === "part-refund-refused") {
        expect(r.reply).toMatchObject({ refundableCents: 0 });
        expect(refusal).toContain(r.reply.reason);
      }
    expect(await creditedByRefunds(orderId)).toBe(1_000);
    expect(await balanceOf(ann)).toBe(2_000);
    expect(await walletsOffLedger(t.db)).toEqual([]);
  });
});

describe("the database's last lines of defence", () => {
  it("refuses partial refunds past what was paid even from a direct write", async () => {
    const ann = randomUUID();
    await fund(deps(), ann, 1_000);
    const orderId = randomUUID();
    await payForOrder(deps(), { orderId, userId: ann, amountCents: 400 }, received(orderId));
    await expect(
      t.db.$executeRaw`UPDATE payment SET refunded_cents = 401 WHERE order_id = ${orderId}::uuid`,
    ).rejects.toThrow(/payment_refunded_within_amount/);
    await expect(
      t.db.$executeRaw`UPDATE payment SET refunded_cents = -1 WHERE order_id = ${orderId}::uuid`,
    ).rejects.toThrow(/payment_refunded_within_amount/);
  });

  it("keeps one whole refund per order, and one entry per partial refund", async () => {
    const ann = randomUUID();
    await fund(deps(), ann, 1_000);
    const orderId = randomUUID();
    await payForOrder(deps(), { orderId, userId: ann, amountCents: 400 }, received(orderId));
    const refundId = randomUUID();
    await refundPart(deps(), { orderId, refundId, amountCents: 100 }, received(refundId));
    await refundOrder(deps(), orderId, received(orderId));
    const entry = (seq: number, refund: string | null) =>
      t.db.ledgerEntry.create({
        data: {
          id: randomUUID(),
          userId: ann,
          seq,
          kind: "refund",
          amountCents: 1,
          balanceAfterCents: 0,
          orderId,
          refundId: refund,
        },
      });
    // A second whole refund of the order, and a second entry for the refund id.
    await expect(entry(60, null)).rejects.toThrow();
    await expect(entry(61, refundId)).rejects.toThrow();
    expect(await t.db.ledgerEntry.count({ where: { orderId, kind: "refund" } })).toBe(2);
  });

  it("refuses to commit a refund id left pending (claimed and never decided)", async () => {
    const refundId = randomUUID();
    await expect(
      deps().store.transaction(async (tx) => {
        await tx.refunds.claim({ orderId: randomUUID(), refundId, amountCents: 1 }, new Date());
      }),
    ).rejects.toThrow(/pending/);
    expect(await t.db.paymentRefund.count({ where: { refundId } })).toBe(0);
  });

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
