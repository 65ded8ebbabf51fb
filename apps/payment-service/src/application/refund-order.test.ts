import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { payForOrder } from "./pay-for-order";
import { refundOrder } from "./refund-order";
import { ledgerSum } from "../domain/wallet";
import { ANN, fund, memoryDeps, received, type MemoryDeps } from "../test/fixtures";

describe("refundOrder", () => {
  let deps: MemoryDeps;
  let orderId: string;
  beforeEach(async () => {
    deps = memoryDeps();
    orderId = randomUUID();
    await fund(deps, ANN, 2_000);
  });
  const pay = (amountCents = 1_500) =>
    payForOrder(deps, { orderId, userId: ANN, amountCents }, received(orderId));
  const refund = (command = received(orderId)) => refundOrder(deps, orderId, command);

  it("gives a paid order's amount back, with a refund entry, and replies refunded", async () => {
    await pay();
    const command = received(orderId);
    expect(await refund(command)).toEqual({
      duplicate: false,
      reply: { kind: "refunded", orderId, amountCents: 1_500 },
      replayed: false,
      conflicting: false,
    });
    expect(await deps.store.balanceOf(ANN)).toBe(2_000);
    expect(deps.store.entries.at(-1)).toMatchObject({
      kind: "refund",
      amountCents: 1_500,
      balanceAfterCents: 2_000,
      orderId,
    });
    expect(deps.store.payments.get(orderId)?.status).toBe("refunded");
    expect(deps.store.sent.at(-1)).toEqual({
      to: command,
      reply: { kind: "refunded", orderId, amountCents: 1_500 },
    });
  });

  it("twice (two messages): credits once, answers the same both times", async () => {
    await pay();
    const first = await refund();
    const second = await refund();
    expect(second).toEqual({ ...first, replayed: true });
    expect(await deps.store.balanceOf(ANN)).toBe(2_000);
    expect(deps.store.entries.filter((e) => e.kind === "refund")).toHaveLength(1);
  });

  it("the same message twice: the second changes nothing and sends nothing", async () => {
    await pay();
    const command = received(orderId);
    await refund(command);
    expect(await refund(command)).toEqual({ duplicate: true });
    expect(deps.store.sent.filter((s) => s.reply.kind === "refunded")).toHaveLength(1);
  });

  it("of an order whose payment failed: nothing to give back, refunded 0", async () => {
    await pay(5_000);
    expect(await refund()).toMatchObject({ reply: { kind: "refunded", amountCents: 0 } });
    expect(await deps.store.balanceOf(ANN)).toBe(2_000);
    expect(deps.store.payments.get(orderId)?.status).toBe("failed");
  });

  describe("before its pay (the late-reply rule)", () => {
    it("credits nothing, answers refunded 0 and records the order as cancelled", async () => {
      expect(await refund()).toMatchObject({
        reply: { kind: "refunded", orderId, amountCents: 0 },
        replayed: false,
      });
      expect(deps.store.payments.get(orderId)).toEqual({ status: "cancelled", orderId });
      expect(await deps.store.balanceOf(ANN)).toBe(2_000);
    });

    it("the pay arriving afterwards is refused with ALREADY_REFUNDED and debits nothing", async () => {
      await refund();
      expect(await pay()).toMatchObject({
        reply: { kind: "failed", orderId, reason: "ALREADY_REFUNDED" },
      });
      expect(await deps.store.balanceOf(ANN)).toBe(2_000);
      expect(deps.store.entries.filter((e) => e.kind === "payment")).toHaveLength(0);
      // And a second refund still answers 0.
      expect(await refund()).toMatchObject({ reply: { amountCents: 0 }, replayed: true });
    });

    it("raced against its pay: whichever is first, the shopper's money ends where it began", async () => {
      for (let i = 0; i < 20; i++) {
        orderId = randomUUID();
        const [paid, back] = await Promise.all([pay(100), refund()]);
        expect(!paid.duplicate && !back.duplicate).toBe(true);
        expect(await deps.store.balanceOf(ANN)).toBe(2_000);
      }
      expect(ledgerSum(deps.store.entries)).toBe(2_000);
    });
  });
});
