import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { randomIds, systemClock } from "@shop/service-kit";
import { PgCartStore } from "../adapters/out/pg/cart-store";
import { PgSagaStore } from "../adapters/out/pg/saga-store";
import { useTestDatabase } from "../test/database";
import { placeCartOrder } from "./place-cart-order";
import type { OrderDeps } from "./ports";

/*
 * Two tabs, one cart: `orders.place` sent at the same instant with two idempotency keys. Against
 * the real PostgreSQL, many times over, because the losing interleaving (both read the cart
 * before either commits) needs the two calls to overlap: a cart's lines must become one order
 * whatever the keys, and the cart must end empty.
 */

const t = useTestDatabase(10);
const deps = (): OrderDeps => ({
  store: new PgSagaStore(t.db),
  cart: new PgCartStore(t.db),
  clock: systemClock,
  ids: randomIds,
});
const shopper = (userId: string) => ({ role: "shopper" as const, userId });

const ROUNDS = 40;

describe("placing one cart from two tabs at once (PostgreSQL)", () => {
  it(`two keys at the same instant, ${ROUNDS} times: one order each time, and both calls answer it`, async () => {
    const d = deps();
    const orderCounts: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const userId = randomUUID();
      await d.cart.add(userId, randomUUID(), 2, new Date());
      const [a, b] = await Promise.all(
        [randomUUID(), randomUUID()].map((key) =>
          placeCartOrder(d, shopper(userId), { idempotencyKey: key, couponId: null }),
        ),
      );
      orderCounts.push(await t.db.order.count({ where: { userId } }));
      // Whichever won, the other answers the order the winner placed.
      expect(a?.ok && b?.ok, JSON.stringify([a, b])).toBe(true);
      if (a?.ok && b?.ok) {
        expect(a.value.orderId).toBe(b.value.orderId);
        expect([a.value.replayed, b.value.replayed].sort()).toEqual([false, true]);
      }
      expect((await d.cart.read(userId)).lines).toEqual([]);
    }
    expect(orderCounts).toEqual(Array.from({ length: ROUNDS }, () => 1));
  });

  it("a cart changed between the read and the place is refused, and left as the shopper made it", async () => {
    const d = deps();
    const userId = randomUUID();
    const mug = randomUUID();
    await d.cart.add(userId, mug, 2, new Date());
    // The place reads the cart, then another tab adds one more mug before the order is written.
    const racing: OrderDeps = {
      ...d,
      cart: Object.assign(Object.create(d.cart) as PgCartStore, {
        read: async (user: string) => {
          const seen = await d.cart.read(user);
          await d.cart.add(user, mug, 1, new Date());
          return seen;
        },
      }),
    };
    const r = await placeCartOrder(racing, shopper(userId), {
      idempotencyKey: randomUUID(),
      couponId: null,
    });
    expect(r).toMatchObject({ ok: false, error: { code: "CART_CHANGED" } });
    expect(await t.db.order.count({ where: { userId } })).toBe(0);
    expect((await d.cart.read(userId)).lines.map((l) => l.quantity)).toEqual([3]);
  });

  it("edits racing a place, many at once: every order holds the lines its cart had, and nothing is lost or taken twice", async () => {
    const d = deps();
    const userId = randomUUID();
    const products = Array.from({ length: 4 }, () => randomUUID());
    await d.cart.add(userId, products[0]!, 1, new Date());
    // Adds of one unit each, and places, all at once: every unit added ends in exactly one
    // order or still in the cart.
    const adds = products.flatMap((p) => [p, p, p]);
    const results = await Promise.all([
      ...adds.map((p) => d.cart.add(userId, p, 1, new Date())),
      ...Array.from({ length: 6 }, () =>
        placeCartOrder(d, shopper(userId), { idempotencyKey: randomUUID(), couponId: null }),
      ),
    ]);
    expect(results.slice(0, adds.length).every((r) => r === "changed")).toBe(true);
    const ordered = await t.db.orderLine.findMany({ where: { order: { userId } } });
    const inCart = (await d.cart.read(userId)).lines;
    const units = (lines: { quantity: number }[]) => lines.reduce((n, l) => n + l.quantity, 0);
    expect(units(ordered) + units(inCart)).toBe(1 + adds.length);
  });
});
