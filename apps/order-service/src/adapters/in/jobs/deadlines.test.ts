import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { randomIds } from "@shop/service-kit";
import { capturingLog, fakeClock } from "@shop/service-kit/test-fixtures";
import { placeOrder } from "../../../application/place-order";
import type { OrderDeps } from "../../../application/ports";
import { InMemoryCartStore } from "../../out/memory/cart-store";
import { InMemorySagaStore } from "../../out/memory/saga-store";
import { startDeadlineJob } from "./deadlines";

describe("the deadline job", () => {
  it("runs once at start (the resume after a restart), before its first interval", async () => {
    const clock = fakeClock(new Date("2026-12-01T12:00:00.000Z"));
    const deps: OrderDeps = {
      store: new InMemorySagaStore(),
      cart: new InMemoryCartStore(),
      clock,
      ids: randomIds,
      stepTimeoutMs: 1_000,
    };
    const placed = await placeOrder(deps, {
      userId: randomUUID(),
      idempotencyKey: "k",
      couponId: null,
      lines: [{ productId: randomUUID(), quantity: 1 }],
    });
    if (!placed.ok) throw new Error("not placed");
    const { orderId } = placed.value;
    expect((await deps.store.load(orderId))?.deadline).toBe("2026-12-01T12:00:01.000Z");
    // The process was down past the step's deadline.
    clock.advance(5_000);
    const job = await startDeadlineJob(deps, capturingLog("order-service").log, {
      everyMs: 60 * 60_000,
    });
    await job.stop();
    expect((await deps.store.load(orderId))?.status).toBe("COMPENSATING");
  });
});
