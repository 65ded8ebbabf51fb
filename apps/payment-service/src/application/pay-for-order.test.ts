import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { payForOrder } from "./pay-for-order";
import { refundOrder } from "./refund-order";
import { ledgerSum } from "../domain/wallet";
import {
  ANN,
  BOB,
  failingAfterDebit,
  fund,
  memoryDeps,
  received,
  type MemoryDeps,
} from "../test/fixtures";

describe("payForOrder", () => {
  let deps: MemoryDeps;
  let orderId: string;
  beforeEach(async () => {
    deps = memoryDeps();
    orderId = randomUUID();
    await fund(deps, ANN, 2_000);
  });
  const pay = (amountCents: number, command = received(orderId), userId = ANN) =>
    payForOrder(deps, { orderId, userId, amountCents }, command);

  it("debits the wallet, records the order as paid and replies paid, all in one transaction", async () => {
    const command = received(orderId);
    expect(await pay(1_500, command)).toEqual({
      duplicate: false,
      reply: { kind: "paid", orderId, amountCents: 1_500, balanceAfterCents: 500 },
      replayed: false,
      conflicting: false,
    });
    expect(await deps.store.balanceOf(ANN)).toBe(500);
    expect(deps.store.entries.at(-1)).toMatchObject({
      kind: "payment",
      amountCents: -1_500,
      orderId,
    });
    expect(deps.store.payments.get(orderId)).toMatchObject({ status: "paid", amountCents: 1_500 });
    expect(deps.store.sent).toEqual([
      { to: command, reply: { kind: "paid", orderId, amountCents: 1_500, balanceAfterCents: 500 } },
    ]);
  });

  it("the same message delivered twice: processed once, replied once", async () => {
    const command = received(orderId);
    await pay(1_500, command);
    expect(await pay(1_500, command)).toEqual({ duplicate: true });
    expect(await deps.store.balanceOf(ANN)).toBe(500);
    expect(deps.store.sent).toHaveLength(1);
  });

  it("the same order paid again (a new message): debits once and answers the same reply", async () => {
    const first = await pay(1_500);
    const second = await pay(1_500);
    expect(second).toEqual({ ...first, replayed: true });
    expect(await deps.store.balanceOf(ANN)).toBe(500);
    expect(deps.store.sent.map((s) => s.reply)).toEqual([
      { kind: "paid", orderId, amountCents: 1_500, balanceAfterCents: 500 },
      { kind: "paid", orderId, amountCents: 1_500, balanceAfterCents: 500 },
    ]);
  });

  it("a pay that differs from the record is answered from the record, flagged, and never debits", async () => {
    await pay(1_500);
    const other = await pay(100, received(orderId), BOB);
    expect(other).toMatchObject({
      reply: { kind: "paid", amountCents: 1_500 },
      replayed: true,
      conflicting: true,
    });
    expect(await deps.store.balanceOf(ANN)).toBe(500);
    expect(await deps.store.balanceOf(BOB)).toBe(0);
  });

  it("too little balance: failed INSUFFICIENT_BALANCE with how much is missing, nothing taken", async () => {
    expect(await pay(2_300)).toMatchObject({
      reply: { kind: "failed", orderId, reason: "INSUFFICIENT_BALANCE", shortByCents: 300 },
      replayed: false,
    });
    expect(await deps.store.balanceOf(ANN)).toBe(2_000);
    expect(deps.store.entries.filter((e) => e.kind === "payment")).toHaveLength(0);
  });

  it("a failed payment is final for its order: a retry after a top-up still fails", async () => {
    await pay(2_300);
    await fund(deps, ANN, 5_000);
    expect(await pay(2_300)).toMatchObject({
      reply: { kind: "failed", reason: "INSUFFICIENT_BALANCE", shortByCents: 300 },
      replayed: true,
    });
    expect(await deps.store.balanceOf(ANN)).toBe(7_000);
  });

  it("a user without a wallet: failed by the whole amount", async () => {
    const r = await payForOrder(
      deps,
      { orderId, userId: BOB, amountCents: 800 },
      received(orderId),
    );
    expect(r).toMatchObject({ reply: { reason: "INSUFFICIENT_BALANCE", shortByCents: 800 } });
  });

  it("exactly the balance pays, down to zero", async () => {
    expect(await pay(2_000)).toMatchObject({ reply: { kind: "paid", balanceAfterCents: 0 } });
    expect(await deps.store.balanceOf(ANN)).toBe(0);
  });

  it("many orders at once against a small balance: never below zero, the ledger adds up", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => {
        const id = randomUUID();
        return payForOrder(deps, { orderId: id, userId: ANN, amountCents: 300 }, received(id));
      }),
    );
    const paid = results.filter((r) => !r.duplicate && r.reply.kind === "paid");
    expect(paid).toHaveLength(6);
    const balance = await deps.store.balanceOf(ANN);
    expect(balance).toBe(200);
    expect(ledgerSum(deps.store.entries.filter((e) => e.userId === ANN))).toBe(balance);
  });

  it("a transaction that fails half-way leaves nothing behind (no inbox record, no debit)", async () => {
    const command = received(orderId);
    const broken = failingAfterDebit(deps);
    await expect(
      payForOrder(broken, { orderId, userId: ANN, amountCents: 500 }, command),
    ).rejects.toThrow("payment record unavailable");
    expect(await deps.store.balanceOf(ANN)).toBe(2_000);
    expect(deps.store.payments.has(orderId)).toBe(false);
    expect(deps.store.sent).toHaveLength(0);
    // The redelivery is processed in full.
    expect(await pay(500, command)).toMatchObject({ duplicate: false, reply: { kind: "paid" } });
  });

  it("refuses an amount that is not cents (the consumer validated it: a programming error)", async () => {
    await expect(pay(0)).rejects.toThrow(RangeError);
    await expect(pay(1.5)).rejects.toThrow(RangeError);
  });

  it("after the order's refund, a pay never debits (ALREADY_REFUNDED)", async () => {
    await pay(1_500);
    await refundOrder(deps, orderId, received(orderId));
    expect(await pay(1_500)).toMatchObject({
      reply: { kind: "failed", orderId, reason: "ALREADY_REFUNDED" },
    });
    expect(await deps.store.balanceOf(ANN)).toBe(2_000);
  });
});
