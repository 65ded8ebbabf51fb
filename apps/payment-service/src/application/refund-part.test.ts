import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { payForOrder } from "./pay-for-order";
import { refundPart } from "./refund-part";
import { ledgerSum } from "../domain/wallet";
import { ANN, fund, memoryDeps, received, type MemoryDeps } from "../test/fixtures";

describe("refundPart", () => {
  let deps: MemoryDeps;
  let orderId: string;
  beforeEach(async () => {
    deps = memoryDeps();
    orderId = randomUUID();
    await fund(deps, ANN, 2_000);
    await payForOrder(deps, { orderId, userId: ANN, amountCents: 1_500 }, received(orderId));
  });
  const part = (amountCents: number, refundId = randomUUID(), command = received(refundId)) =>
    refundPart(deps, { orderId, refundId, amountCents }, command);

  it("credits the payer, records the refund, and puts the reply in the outbox with its command", async () => {
    const refundId = randomUUID();
    const command = received(refundId);
    const outcome = await part(400, refundId, command);
    const reply = {
      kind: "part-refunded",
      orderId,
      refundId,
      amountCents: 400,
      balanceAfterCents: 900,
    };
    expect(outcome).toEqual({ duplicate: false, reply, replayed: false, conflicting: false });
    expect(deps.store.sent.at(-1)).toEqual({ to: command, reply });
    expect(deps.store.entries.at(-1)).toMatchObject({ kind: "refund", orderId, refundId });
    expect(deps.store.payments.get(orderId)).toMatchObject({ status: "paid", refundedCents: 400 });
    expect(deps.store.refunds.get(refundId)).toMatchObject({ outcome: "refunded", userId: ANN });
    expect(ledgerSum(deps.store.entries)).toBe(900);
  });

  it("a refusal is recorded and sent too, and changes neither the wallet nor the payment", async () => {
    const refundId = randomUUID();
    const command = received(refundId);
    expect(await part(1_501, refundId, command)).toMatchObject({
      reply: { kind: "part-refund-refused", reason: "EXCEEDS_PAYMENT", refundableCents: 1_500 },
    });
    expect(deps.store.sent.at(-1)?.to).toEqual(command);
    expect(deps.store.payments.get(orderId)).toMatchObject({ refundedCents: 0 });
    expect(await deps.store.balanceOf(ANN)).toBe(500);
  });

  it("rolls back whole when a step fails: no credit, no record, no reply, so the retry goes through", async () => {
    const refundId = randomUUID();
    const command = received(refundId);
    const broken = {
      ...deps,
      store: {
        ...deps.store,
        balanceOf: (u: string) => deps.store.balanceOf(u),
        ledger: deps.store.ledger.bind(deps.store),
        transaction: deps.store.transaction.bind(deps.store),
        handle: ((c, work) =>
          deps.store.handle(c, (tx) =>
            work({
              ...tx,
              refunds: {
                ...tx.refunds,
                save: async () => {
                  throw new Error("refund record unavailable");
                },
              },
            }),
          )) as typeof deps.store.handle,
      },
    };
    await expect(
      refundPart(broken, { orderId, refundId, amountCents: 300 }, command),
    ).rejects.toThrow("refund record unavailable");
    expect(await deps.store.balanceOf(ANN)).toBe(500);
    expect(deps.store.refunds.size).toBe(0);
    expect(deps.store.payments.get(orderId)).toMatchObject({ refundedCents: 0 });
    expect(await part(300, refundId, command)).toMatchObject({
      duplicate: false,
      reply: { kind: "part-refunded", balanceAfterCents: 800 },
    });
  });

  it("refuses an amount that is not whole positive cents as a programming error", async () => {
    await expect(part(0)).rejects.toThrow(RangeError);
    await expect(part(1.5)).rejects.toThrow(RangeError);
  });
});
