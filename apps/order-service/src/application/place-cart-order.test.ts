import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fakeClock } from "@shop/service-kit/test-fixtures";
import { randomIds } from "@shop/service-kit";
import { InMemoryCartStore } from "../adapters/out/memory/cart-store";
import { JUST_ORDERED_MS } from "../domain/cart";
import { InMemorySagaStore } from "../adapters/out/memory/saga-store";
import { placeCartOrder } from "./place-cart-order";
import type { OrderDeps } from "./ports";

const T0 = new Date("2026-12-01T12:00:00.000Z");
const userId = randomUUID();
const actor = { role: "shopper" as const, userId };

describe("place-cart-order", () => {
  it("a retry racing the first attempt answers its order, not an empty cart", async () => {
    const cart = new InMemoryCartStore();
    const store = new InMemorySagaStore(cart);
    const deps: OrderDeps = { store, cart, clock: fakeClock(T0), ids: randomIds };
    await cart.add(userId, randomUUID(), 2, T0);
    const key = `key-${randomUUID()}`;

    // The retry looks the key up before the first attempt commits...
    let lookups = 0;
    const racing: OrderDeps = {
      ...deps,
      store: Object.assign(Object.create(store) as InMemorySagaStore, {
        orderIdByKey: async (user: string, k: string) =>
          ++lookups === 1 ? null : store.orderIdByKey(user, k),
      }),
    };
    // ...and reads the cart after it did (the order took the cart's lines).
    const first = await placeCartOrder(deps, actor, { idempotencyKey: key, couponId: null });
    const retry = await placeCartOrder(racing, actor, { idempotencyKey: key, couponId: null });

    expect(first.ok && first.value.replayed).toBe(false);
    expect(retry).toEqual({
      ok: true,
      value: { orderId: first.ok ? first.value.orderId : "", replayed: true },
    });
  });

  it("the order keeps the trace of the request that placed it", async () => {
    const cart = new InMemoryCartStore();
    const store = new InMemorySagaStore(cart);
    const deps: OrderDeps = { store, cart, clock: fakeClock(T0), ids: randomIds };
    await cart.add(userId, randomUUID(), 1, T0);
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const placed = await placeCartOrder(deps, actor, {
      idempotencyKey: "k",
      couponId: null,
      traceId,
    });
    expect(placed.ok && (await store.order(placed.value.orderId))?.traceId).toBe(traceId);
  });

  it("a second tab placing the cart its first tab just ordered is shown that order; later, an empty cart is just empty", async () => {
    const cart = new InMemoryCartStore();
    const clock = fakeClock(T0);
    const deps: OrderDeps = { store: new InMemorySagaStore(cart), cart, clock, ids: randomIds };
    await cart.add(userId, randomUUID(), 2, T0);
    const place = () =>
      placeCartOrder(deps, actor, { idempotencyKey: `k-${randomUUID()}`, couponId: null });

    const first = await place();
    const second = await place();
    expect(first).toMatchObject({ ok: true, value: { replayed: false } });
    expect(second).toEqual({
      ok: true,
      value: { orderId: first.ok ? first.value.orderId : "", replayed: true },
    });
    clock.advance(JUST_ORDERED_MS + 1);
    expect(await place()).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED", fieldErrors: { lines: ["Your cart is empty"] } },
    });
  });

  it("an empty cart with a key never used is refused", async () => {
    const cart = new InMemoryCartStore();
    const deps: OrderDeps = {
      store: new InMemorySagaStore(cart),
      cart,
      clock: fakeClock(T0),
      ids: randomIds,
    };
    const r = await placeCartOrder(deps, actor, {
      idempotencyKey: `k-${randomUUID()}`,
      couponId: null,
    });
    expect(r.ok).toBe(false);
  });
});
