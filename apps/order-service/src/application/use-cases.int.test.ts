import { randomUUID } from "node:crypto";
import { ORDER_REPLIES } from "@shop/contracts";
import { describe, expect, it } from "vitest";
import { randomIds, systemClock } from "@shop/service-kit";
import { fakeClock } from "@shop/service-kit/test-fixtures";
import { PgCartStore } from "../adapters/out/pg/cart-store";
import { PgSagaStore } from "../adapters/out/pg/saga-store";
import { useTestDatabase } from "../test/database";
import { handleDeadlines } from "./handle-deadlines";
import { handleReply } from "./handle-reply";
import { placeOrder } from "./place-order";
import type { OrderDeps } from "./ports";

const t = useTestDatabase(10);
const deps = (clock = systemClock): OrderDeps => ({
  store: new PgSagaStore(t.db),
  cart: new PgCartStore(t.db),
  clock,
  ids: randomIds,
});
const received = () => ({ consumer: ORDER_REPLIES.name, messageId: randomUUID() });

async function placed(d: OrderDeps, key = `key-${randomUUID()}`, userId = randomUUID()) {
  const r = await placeOrder(d, {
    userId,
    idempotencyKey: key,
    couponId: null,
    lines: [{ productId: randomUUID(), quantity: 1 }],
  });
  if (!r.ok) throw new Error("not placed");
  return r.value.orderId;
}

describe("use cases on PostgreSQL", () => {
  it("10 concurrent place-order requests with one key are one order, one command", async () => {
    const d = deps();
    const userId = randomUUID();
    const key = `key-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        placeOrder(d, {
          userId,
          idempotencyKey: key,
          couponId: null,
          lines: [{ productId: randomUUID(), quantity: 1 }],
        }),
      ),
    );
    const ids = new Set(results.map((r) => (r.ok ? r.value.orderId : "")));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && !r.value.replayed)).toHaveLength(1);
    expect(await t.db.order.count({ where: { userId } })).toBe(1);
  });

  it("concurrent replies for one saga: each applied once, none lost (optimistic retry)", async () => {
    const d = deps();
    const orderId = await placed(d);
    // Stock reserved and a deadline passing race with many redeliveries of the reply.
    const saga = await d.store.load(orderId);
    const productId = saga?.data.requestedLines[0]?.productId ?? "";
    const reserved = {
      type: "stock.reserved" as const,
      orderId,
      lines: [{ productId, quantity: 1, unitPriceCents: 500, name: "A" }],
    };
    const message = received();
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => handleReply(d, reserved, message)),
      ...Array.from({ length: 8 }, () => handleReply(d, reserved, received())),
    ]);
    expect(results.filter((r) => r.kind === "duplicate").length).toBeGreaterThanOrEqual(7);
    // Exactly one reply advanced the saga; every other one was re-decided on it (no-op).
    const sent = await t.db.$queryRaw<{ type: string }[]>`
      SELECT message->>'type' AS type FROM outbox WHERE message->>'correlationId' = ${orderId}`;
    expect(sent.map((s) => s.type).sort()).toEqual(["payment.pay", "stock.reserve"]);
    const row = await t.db.saga.findUnique({ where: { orderId } });
    expect(row?.version).toBe(2);
    expect(await t.db.sagaLog.count({ where: { orderId, kind: "reply" } })).toBe(1);
    // Whether a stale save was retried here depends on timing; the in-memory test forces it.
  });

  it("a reply racing the deadline job: both applied, in one order or the other", async () => {
    const clock = fakeClock(new Date());
    const d = deps(clock);
    const orderId = await placed(d);
    clock.advance(10_001);
    const saga = await d.store.load(orderId);
    const productId = saga?.data.requestedLines[0]?.productId ?? "";
    await Promise.all([
      handleDeadlines(d),
      handleReply(
        d,
        {
          type: "stock.reserved",
          orderId,
          lines: [{ productId, quantity: 1, unitPriceCents: 500, name: "A" }],
        },
        received(),
      ),
    ]);
    const after = await d.store.load(orderId);
    expect(after?.steps.stock.outcome).toBe("succeeded");
    // Either the reply won (payment sent, and not yet overdue) or the tick did (compensating).
    expect(["COUPON_APPLIED", "COMPENSATING"]).toContain(after?.status);
  });
});
