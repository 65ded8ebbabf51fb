import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { chargeWallet } from "../application/charge-wallet";
import { getWallet } from "../application/get-wallet";
import { listLedger } from "../application/list-ledger";
import { payForOrder } from "../application/pay-for-order";
import type { PaymentDeps } from "../application/ports";
import { refundOrder } from "../application/refund-order";
import { refundPart } from "../application/refund-part";
import { MAX_BALANCE_CENTS, MAX_CHARGE_CENTS } from "../domain/wallet";
import { aKey, fund, received } from "./fixtures";
import { errorOf, valueOf } from "./results";

/*
 * What every PaymentStore must do, run against the in-memory store (memory/payment-store.test.ts)
 * and PostgreSQL (pg/payment-store.int.test.ts) alike, so the fake the use-case tests stand
 * on cannot drift from the real store. Each test uses users and orders of its own.
 */
export function paymentStoreContract(
  name: string,
  setup: () => { deps: () => PaymentDeps; walletsOffLedger: () => Promise<unknown[]> },
) {
  describe(`${name}: the PaymentStore contract`, () => {
    const { deps, walletsOffLedger } = setup();
    let ann: string;
    let orderId: string;
    beforeEach(() => {
      ann = randomUUID();
      orderId = randomUUID();
    });
    const pay = (amountCents: number, userId = ann, order = orderId, command = received(order)) =>
      payForOrder(deps(), { orderId: order, userId, amountCents }, command);
    const refund = (order = orderId, command = received(order)) =>
      refundOrder(deps(), order, command);
    const refundPartOf = (
      amountCents: number,
      refundId: string = randomUUID(),
      order = orderId,
      command = received(refundId),
    ) => refundPart(deps(), { orderId: order, refundId, amountCents }, command);
    const balance = async () => (await getWallet(deps(), ann)).balanceCents;

    it("a charge adds to the balance with a gapless, signed ledger", async () => {
      const first = valueOf(
        await chargeWallet(deps(), ann, { amountCents: 2_500, idempotencyKey: aKey() }),
      );
      expect(first).toMatchObject({
        balanceCents: 2_500,
        replayed: false,
        entry: { userId: ann, seq: 1, kind: "charge", amountCents: 2_500, orderId: null },
      });
      await pay(1_000);
      await refund();
      const ledger = await listLedger(deps(), ann, { limit: 10 });
      expect(
        ledger.entries.map((e) => [e.seq, e.kind, e.amountCents, e.balanceAfterCents]),
      ).toEqual([
        [3, "refund", 1_000, 2_500],
        [2, "payment", -1_000, 1_500],
        [1, "charge", 2_500, 2_500],
      ]);
      expect(ledger.entries[1]?.orderId).toBe(orderId);
      expect(await getWallet(deps(), ann)).toEqual({
        balanceCents: 2_500,
        chargeableCents: MAX_CHARGE_CENTS,
      });
      expect(await walletsOffLedger()).toEqual([]);
    });

    it("a charge is once per idempotency key; another amount under it is refused", async () => {
      const key = aKey();
      const first = valueOf(
        await chargeWallet(deps(), ann, { amountCents: 700, idempotencyKey: key }),
      );
      const replays = await Promise.all(
        Array.from({ length: 5 }, () =>
          chargeWallet(deps(), ann, { amountCents: 700, idempotencyKey: key }),
        ),
      );
      for (const r of replays) expect(valueOf(r)).toEqual({ ...first, replayed: true });
      errorOf(
        await chargeWallet(deps(), ann, { amountCents: 800, idempotencyKey: key }),
        "IDEMPOTENCY_KEY_REUSED",
      );
      expect(await getWallet(deps(), ann)).toMatchObject({ balanceCents: 700 });
    });

    it("the balance limit is checked with the change; a refused charge changes nothing", async () => {
      await fund(deps(), ann, MAX_BALANCE_CENTS - 50);
      expect(
        errorOf(
          await chargeWallet(deps(), ann, { amountCents: 51, idempotencyKey: aKey() }),
          "BALANCE_LIMIT",
        ),
      ).toMatchObject({ balanceCents: MAX_BALANCE_CENTS - 50, chargeableCents: 50 });
      expect((await listLedger(deps(), ann, { limit: 100 })).entries).toHaveLength(10);
      expect(await getWallet(deps(), ann)).toEqual({ balanceCents: 999_950, chargeableCents: 50 });
    });

    it("bad amounts change nothing at all (no wallet is opened)", async () => {
      for (const amountCents of [0, -1, 0.5, MAX_CHARGE_CENTS + 1])
        expect((await chargeWallet(deps(), ann, { amountCents, idempotencyKey: aKey() })).ok).toBe(
          false,
        );
      expect(await listLedger(deps(), ann, { limit: 10 })).toEqual({
        entries: [],
        nextBefore: null,
      });
      expect(await getWallet(deps(), ann)).toMatchObject({ balanceCents: 0 });
    });

    it("pay debits once per order: a new message for it answers the same reply", async () => {
      await fund(deps(), ann, 1_000);
      const first = await pay(600);
      expect(first).toMatchObject({
        duplicate: false,
        reply: { kind: "paid", orderId, amountCents: 600, balanceAfterCents: 400 },
        replayed: false,
      });
      expect(await pay(600)).toEqual({ ...first, replayed: true });
      expect(await getWallet(deps(), ann)).toMatchObject({ balanceCents: 400 });
    });

    it("the same message twice is a duplicate: no change, no second reply", async () => {
      await fund(deps(), ann, 1_000);
      const command = received(orderId);
      await pay(600, ann, orderId, command);
      expect(await pay(600, ann, orderId, command)).toEqual({ duplicate: true });
      const refundCommand = received(orderId);
      await refund(orderId, refundCommand);
      expect(await refund(orderId, refundCommand)).toEqual({ duplicate: true });
      expect(await getWallet(deps(), ann)).toMatchObject({ balanceCents: 1_000 });
    });

    it("too little balance fails by the missing amount; the failure is final for the order", async () => {
      await fund(deps(), ann, 1_000);
      const failed = {
        kind: "failed",
        orderId,
        reason: "INSUFFICIENT_BALANCE",
        shortByCents: 500,
      };
      expect(await pay(1_500)).toMatchObject({ reply: failed, replayed: false });
      await fund(deps(), ann, 5_000);
      expect(await pay(1_500)).toMatchObject({ reply: failed, replayed: true });
      expect(await getWallet(deps(), ann)).toMatchObject({ balanceCents: 6_000 });
      expect(await refund()).toMatchObject({ reply: { kind: "refunded", amountCents: 0 } });
    });

    it("refund credits once; a pay after it never debits", async () => {
      await fund(deps(), ann, 1_000);
      await pay(300);
      expect(await refund()).toMatchObject({
        reply: { kind: "refunded", orderId, amountCents: 300 },
        replayed: false,
      });
      expect(await refund()).toMatchObject({
        reply: { kind: "refunded", orderId, amountCents: 300 },
        replayed: true,
      });
      expect(await pay(300)).toMatchObject({
        reply: { kind: "failed", orderId, reason: "ALREADY_REFUNDED" },
      });
      expect(await getWallet(deps(), ann)).toMatchObject({ balanceCents: 1_000 });
      expect(await walletsOffLedger()).toEqual([]);
    });

    it("refund before pay: refunded 0, and the late pay is refused without a debit", async () => {
      await fund(deps(), ann, 1_000);
      expect(await refund()).toMatchObject({
        reply: { kind: "refunded", orderId, amountCents: 0 },
        replayed: false,
      });
      expect(await pay(300)).toMatchObject({
        reply: { kind: "failed", orderId, reason: "ALREADY_REFUNDED" },
        replayed: true,
      });
      expect(await getWallet(deps(), ann)).toMatchObject({ balanceCents: 1_000 });
      expect((await listLedger(deps(), ann, { limit: 10 })).entries).toHaveLength(1);
    });

    it("a refund may take the balance above the charge limit (compensations never fail)", async () => {
      await fund(deps(), ann, MAX_BALANCE_CENTS);
      await pay(MAX_BALANCE_CENTS);
      await fund(deps(), ann, MAX_BALANCE_CENTS);
      expect(await refund()).toMatchObject({ reply: { amountCents: MAX_BALANCE_CENTS } });
      expect(await getWallet(deps(), ann)).toEqual({
        balanceCents: 2 * MAX_BALANCE_CENTS,
        chargeableCents: 0,
      });
      expect(await walletsOffLedger()).toEqual([]);
    });

    describe("partial refunds (payment.refund-part)", () => {
      it("credit the payer once per refund id: a repeat answers the same reply, credits nothing", async () => {
        await fund(deps(), ann, 1_000);
        await pay(800);
        const refundId = randomUUID();
        const first = await refundPartOf(300, refundId);
        expect(first).toEqual({
          duplicate: false,
          reply: {
            kind: "part-refunded",
            orderId,
            refundId,
            amountCents: 300,
            balanceAfterCents: 500,
          },
          replayed: false,
          conflicting: false,
        });
        // A new message for the same refund id (the saga retried): the first answer again.
        expect(await refundPartOf(300, refundId)).toEqual({ ...first, replayed: true });
        // The same message again: caught by the inbox, nothing sent.
        const command = received(refundId);
        await refundPartOf(100, randomUUID(), orderId, command);
        expect(await refundPartOf(100, randomUUID(), orderId, command)).toEqual({
          duplicate: true,
        });
        // Another amount under a used refund id is answered from the record, and flagged.
        expect(await refundPartOf(50, refundId)).toEqual({
          ...first,
          replayed: true,
          conflicting: true,
        });
        expect(await balance()).toBe(600);
        expect(await walletsOffLedger()).toEqual([]);
      });

      it("each refund is a ledger entry of its own, with its order and refund id", async () => {
        await fund(deps(), ann, 1_000);
        await pay(800);
        const [r1, r2] = [randomUUID(), randomUUID()];
        await refundPartOf(300, r1);
        await refundPartOf(200, r2);
        const { entries } = await listLedger(deps(), ann, { limit: 10 });
        expect(
          entries.map((e) => [e.kind, e.amountCents, e.balanceAfterCents, e.orderId, e.refundId]),
        ).toEqual([
          ["refund", 200, 700, orderId, r2],
          ["refund", 300, 500, orderId, r1],
          ["payment", -800, 200, orderId, null],
          ["charge", 1_000, 1_000, null, null],
        ]);
      });

      it("add up to the payment exactly; the next one is refused EXCEEDS_PAYMENT and credits nothing", async () => {
        await fund(deps(), ann, 1_000);
        await pay(900);
        for (const amountCents of [400, 300, 200])
          expect(await refundPartOf(amountCents)).toMatchObject({
            reply: { kind: "part-refunded", amountCents },
          });
        const refundId = randomUUID();
        const refused = {
          kind: "part-refund-refused",
          orderId,
          refundId,
          reason: "EXCEEDS_PAYMENT",
          refundableCents: 0,
        };
        expect(await refundPartOf(1, refundId)).toMatchObject({ reply: refused, replayed: false });
        // Refused is final for its refund id, as a credit would be.
        expect(await refundPartOf(1, refundId)).toMatchObject({ reply: refused, replayed: true });
        expect(await balance()).toBe(1_000);
        expect(await walletsOffLedger()).toEqual([]);
      });

      it("more than is left is refused EXCEEDS_PAYMENT with what is left; a smaller one then fits", async () => {
        await fund(deps(), ann, 1_000);
        await pay(900);
        await refundPartOf(600);
        expect(await refundPartOf(301)).toMatchObject({
          reply: { kind: "part-refund-refused", reason: "EXCEEDS_PAYMENT", refundableCents: 300 },
        });
        expect(await refundPartOf(300)).toMatchObject({
          reply: { kind: "part-refunded", amountCents: 300, balanceAfterCents: 1_000 },
        });
      });

      it("of an order not paid (none, failed, refunded, cancelled) is refused NOT_PAID, credits nothing", async () => {
        await fund(deps(), ann, 1_000);
        const notPaid = (order: string) => ({
          reply: {
            kind: "part-refund-refused",
            orderId: order,
            reason: "NOT_PAID",
            refundableCents: 0,
          },
        });
        // No payment at all; and a pay that comes after it still debits (it cancelled nothing).
        expect(await refundPartOf(100)).toMatchObject(notPaid(orderId));
        expect(await pay(100)).toMatchObject({ reply: { kind: "paid" } });
        // Failed.
        const failed = randomUUID();
        await pay(5_000, ann, failed);
        expect(await refundPartOf(100, randomUUID(), failed)).toMatchObject(notPaid(failed));
        // Refunded whole.
        const whole = randomUUID();
        await pay(200, ann, whole);
        await refund(whole);
        expect(await refundPartOf(100, randomUUID(), whole)).toMatchObject(notPaid(whole));
        // Cancelled (refunded before any pay).
        const cancelled = randomUUID();
        await refund(cancelled);
        expect(await refundPartOf(100, randomUUID(), cancelled)).toMatchObject(notPaid(cancelled));
        expect(await balance()).toBe(900);
        expect(await walletsOffLedger()).toEqual([]);
      });

      it("a whole refund after partial ones gives back only what they left", async () => {
        await fund(deps(), ann, 1_000);
        await pay(800);
        await refundPartOf(300);
        const first = await refund();
        expect(first).toMatchObject({ reply: { kind: "refunded", orderId, amountCents: 500 } });
        expect(await refund()).toEqual({ ...first, replayed: true });
        expect(await balance()).toBe(1_000);
        const refunds = (await listLedger(deps(), ann, { limit: 10 })).entries.filter(
          (e) => e.kind === "refund",
        );
        expect(refunds.map((e) => [e.amountCents, e.refundId === null])).toEqual([
          [500, true],
          [300, false],
        ]);
        expect(await walletsOffLedger()).toEqual([]);
      });

      it("a whole refund after partial ones that gave back everything credits 0, writes no entry", async () => {
        await fund(deps(), ann, 1_000);
        await pay(800);
        await refundPartOf(500);
        await refundPartOf(300);
        expect(await refund()).toMatchObject({ reply: { kind: "refunded", amountCents: 0 } });
        expect(await refund()).toMatchObject({
          reply: { kind: "refunded", amountCents: 0 },
          replayed: true,
        });
        expect(await balance()).toBe(1_000);
        expect((await listLedger(deps(), ann, { limit: 10 })).entries).toHaveLength(4);
        expect(await walletsOffLedger()).toEqual([]);
      });
    });
  });
}
