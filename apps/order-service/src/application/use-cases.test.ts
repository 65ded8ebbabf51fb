import { randomUUID } from "node:crypto";
import { ORDER_REPLIES } from "@shop/contracts";
import { beforeEach, describe, expect, it } from "vitest";
import { fakeClock } from "@shop/service-kit/test-fixtures";
import { randomIds } from "@shop/service-kit";
import type { SagaReply } from "../domain/saga";
import { InMemoryCartStore } from "../adapters/out/memory/cart-store";
import { InMemorySagaStore } from "../adapters/out/memory/saga-store";
import { handleDeadlines } from "./handle-deadlines";
import { getMyOrder } from "./get-my-order";
import { handleReply } from "./handle-reply";
import { placeOrder } from "./place-order";
import type { OrderDeps } from "./ports";
import { refundOrder } from "./refund-order";

const T0 = new Date("2026-12-01T12:00:00.000Z");
const APRON = randomUUID();
const received = () => ({ consumer: ORDER_REPLIES.name, messageId: randomUUID() });

describe("the order use cases (in memory)", () => {
  let store: InMemorySagaStore;
  let clock: ReturnType<typeof fakeClock>;
  let deps: OrderDeps;
  const userId = randomUUID();
  beforeEach(() => {
    const cart = new InMemoryCartStore();
    store = new InMemorySagaStore(cart);
    clock = fakeClock(T0);
    deps = { store, cart, clock, ids: randomIds };
  });
  const place = async (key = `key-${randomUUID()}`, couponId: string | null = null) => {
    const r = await placeOrder(deps, {
      userId,
      idempotencyKey: key,
      couponId,
      lines: [{ productId: APRON, quantity: 2, name: "Linen Apron" }],
    });
    if (!r.ok) throw new Error("not placed");
    return r.value.orderId;
  };
  const types = (orderId: string) =>
    store.sent.filter((m) => m.correlationId === orderId).map((m) => m.type);

  it("place-order writes the order and its first command; a retry is the same order", async () => {
    const key = `key-${randomUUID()}`;
    const orderId = await place(key);
    expect(await store.order(orderId)).toMatchObject({ status: "PENDING", userId });
    expect(types(orderId)).toEqual(["stock.reserve"]);
    const again = await placeOrder(deps, {
      userId,
      idempotencyKey: key,
      couponId: null,
      lines: [{ productId: APRON, quantity: 2 }],
    });
    expect(again).toEqual({ ok: true, value: { orderId, replayed: true } });
    expect(types(orderId)).toEqual(["stock.reserve"]);
  });

  it("get-my-order never answers a state ahead of its timeline, whatever commits between its reads", async () => {
    const orderId = await place();
    const reserved: SagaReply = {
      type: "stock.reserved",
      orderId,
      lines: [{ productId: APRON, quantity: 2, unitPriceCents: 1_000, name: "Linen Apron" }],
    };
    await handleReply(deps, reserved, received());
    // The last reply commits while the order row is being read, as on a busy database.
    const racing = Object.create(store) as InMemorySagaStore;
    racing.order = async (id) => {
      await handleReply(deps, { type: "payment.paid", orderId, amountCents: 2_000 }, received());
      return store.order(id);
    };
    const view = await getMyOrder({ store: racing }, { role: "shopper", userId }, orderId);
    if (!view.ok) throw new Error("not found");
    expect(view.value.status).toBe("COMPLETED");
    const checkout = view.value.timeline.filter((t) => t.step !== "ship" && t.step !== "deliver");
    expect(checkout.filter((step) => step.status === "waiting")).toEqual([]);
  });

  it("get-my-order lists refunds and the money they gave back from one read, whatever commits between its reads", async () => {
    const orderId = await place();
    await handleReply(
      deps,
      {
        type: "stock.reserved",
        orderId,
        lines: [{ productId: APRON, quantity: 2, unitPriceCents: 1_000, name: "Linen Apron" }],
      },
      received(),
    );
    await handleReply(deps, { type: "payment.paid", orderId, amountCents: 2_000 }, received());
    const admin = { role: "admin" as const, userId: randomUUID() };
    const refund = await refundOrder(deps, admin, {
      orderId,
      lines: [{ productId: APRON, quantity: 1 }],
      restock: false,
      reason: "torn",
    });
    if (!refund.ok) throw new Error(refund.error.code);
    const { refundId } = refund.value;
    // The refund's last reply commits while the order row is being read.
    const racing = Object.create(store) as InMemorySagaStore;
    racing.order = async (id) => {
      const row = await store.order(id);
      await handleReply(
        deps,
        {
          type: "payment.part-refunded",
          orderId,
          refundId,
          amountCents: 1_000,
          balanceAfterCents: 0,
        },
        received(),
      );
      return row;
    };
    const view = await getMyOrder({ store: racing }, { role: "shopper", userId }, orderId);
    if (!view.ok) throw new Error("not found");
    expect(view.value.returns.map((r) => r.status)).toEqual(["COMPLETED"]);
    expect(view.value.refundedCents).toBe(1_000);
  });

  it("place-order refuses bad input before a saga starts", async () => {
    const bad = [
      [],
      [{ productId: APRON, quantity: 0 }],
      [
        { productId: APRON, quantity: 1 },
        { productId: APRON, quantity: 1 },
      ],
    ];
    for (const lines of bad) {
      const r = await placeOrder(deps, {
        userId,
        idempotencyKey: `k-${randomUUID()}`,
        couponId: null,
        lines,
      });
      expect(r).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    }
    expect(store.sent).toHaveLength(0);
  });

  it("handle-reply runs the saga to COMPLETED; a redelivered reply changes nothing", async () => {
    const orderId = await place(undefined, randomUUID());
    const reserved: SagaReply = {
      type: "stock.reserved",
      orderId,
      lines: [{ productId: APRON, quantity: 2, unitPriceCents: 1_240, name: "Linen Apron" }],
    };
    const r1 = received();
    expect(await handleReply(deps, reserved, r1)).toEqual({ kind: "saved", attempts: 1 });
    expect(await handleReply(deps, reserved, r1)).toEqual({ kind: "duplicate" });
    const coupon = (await store.load(orderId))?.data.couponId ?? "";
    await handleReply(
      deps,
      { type: "coupon.used", orderId, couponId: coupon, discountCents: 480 },
      received(),
    );
    await handleReply(deps, { type: "payment.paid", orderId, amountCents: 2_000 }, received());
    expect(await store.order(orderId)).toMatchObject({
      status: "COMPLETED",
      subtotalCents: 2_480,
      discountCents: 480,
      totalCents: 2_000,
    });
    expect(types(orderId)).toEqual([
      "stock.reserve",
      "coupon.use",
      "payment.pay",
      "order.completed",
    ]);
    expect(await handleReply(deps, { ...reserved, orderId: randomUUID() }, received())).toEqual({
      kind: "unknown-order",
    });
  });

  it("a stale save is retried on the saga that won, never lost", async () => {
    const orderId = await place();
    const real = store.save.bind(store);
    let raced = false;
    store.save = async (from, decision, options) => {
      if (!raced) {
        raced = true;
        // Another instance's deadline tick commits between this one's read and save.
        clock.advance(11_000);
        await handleDeadlines(deps);
      }
      return real(from, decision, options);
    };
    const outcome = await handleReply(
      deps,
      {
        type: "stock.reserved",
        orderId,
        lines: [{ productId: APRON, quantity: 2, unitPriceCents: 1_240, name: "A" }],
      },
      received(),
    );
    expect(outcome).toEqual({ kind: "saved", attempts: 2 });
    // Decided again on the compensating saga: the late reservation is recorded (and released).
    const saga = await store.load(orderId);
    expect(saga?.status).toBe("COMPENSATING");
    expect(saga?.steps.stock.outcome).toBe("succeeded");
    expect(types(orderId)).toEqual(["stock.reserve", "stock.release"]);
  });

  it("handle-deadlines compensates overdue steps, re-sends compensations, and resumes after a restart", async () => {
    const orderId = await place();
    expect(await handleDeadlines(deps)).toBe(0);
    clock.advance(10_000);
    expect(await handleDeadlines(deps)).toBe(1);
    expect(types(orderId)).toEqual(["stock.reserve", "stock.release"]);
    // A "restarted" orchestrator is just the job running again over the stored sagas.
    clock.advance(10_000);
    expect(await handleDeadlines({ ...deps })).toBe(1);
    expect(types(orderId)).toEqual(["stock.reserve", "stock.release", "stock.release"]);
    await handleReply(deps, { type: "stock.released", orderId }, received());
    expect(await store.order(orderId)).toMatchObject({
      status: "CANCELLED",
      reasonCode: "STOCK_TIMEOUT",
    });
    clock.advance(60_000);
    expect(await handleDeadlines(deps)).toBe(0);
  });
});
