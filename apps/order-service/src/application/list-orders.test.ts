import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { InMemorySagaStore } from "../adapters/out/memory/saga-store";
import { anOrder, newestFirst, started } from "../test/store-contract";
import { listMyOrders } from "./list-my-orders";
import { listOrders } from "./list-orders";
import type { OrderPage } from "./order-page";
import type { OrderPosition } from "./ports";

const T0 = new Date("2026-12-01T12:00:00.000Z");
const userId = randomUUID();
const shopper = { role: "shopper" as const, userId };
const admin = { role: "admin" as const, userId: randomUUID() };

/** Every page, each asked for with the previous one's `next`, as the API's clients do. */
async function pageThrough(
  list: (before: OrderPosition | undefined) => Promise<{ ok: boolean; value?: OrderPage }>,
) {
  const pages: string[][] = [];
  let before: OrderPosition | undefined;
  do {
    const r = await list(before);
    if (!r.ok || !r.value) throw new Error("refused");
    pages.push(r.value.orders.map((o) => o.id));
    before = r.value.next ?? undefined;
  } while (before && pages.length < 100);
  return pages;
}

describe("listMyOrders and listOrders", () => {
  it("page through a burst of orders placed in one millisecond: each order once, newest first", async () => {
    const store = new InMemorySagaStore();
    // Ten of the user's orders in the same millisecond (a burst under load), one older, and
    // another user's in the same millisecond.
    const mine = [
      ...Array.from({ length: 10 }, () => anOrder({ userId, placedAt: T0 })),
      anOrder({ userId, placedAt: new Date(T0.getTime() - 1) }),
    ];
    const theirs = Array.from({ length: 3 }, () => anOrder({ placedAt: T0 }));
    for (const o of [...mine, ...theirs]) await store.create(o, started(o));
    const expected = (orders: typeof mine) =>
      orders
        .map((o) => ({ id: o.orderId, placedAt: o.placedAt }))
        .sort(newestFirst)
        .map((o) => o.id);

    const my = await pageThrough((before) =>
      listMyOrders({ store }, shopper, { limit: 4, ...(before ? { before } : {}) }),
    );
    expect(my.map((p) => p.length)).toEqual([4, 4, 3]);
    expect(my.flat()).toEqual(expected(mine));

    const every = await pageThrough((before) =>
      listOrders({ store }, admin, { limit: 5, ...(before ? { before } : {}) }),
    );
    expect(every.flat()).toEqual(expected([...mine, ...theirs]));
  });

  it("say the last page is the last: no cursor to an empty page", async () => {
    const store = new InMemorySagaStore();
    for (let i = 0; i < 4; i += 1) {
      const o = anOrder({ userId, placedAt: T0 });
      await store.create(o, started(o));
    }
    const exact = await listMyOrders({ store }, shopper, { limit: 4 });
    expect(exact.ok && exact.value.orders).toHaveLength(4);
    expect(exact.ok && exact.value.next).toBeNull();
    const first = await listMyOrders({ store }, shopper, { limit: 3 });
    const last = first.ok ? first.value.orders.at(-1) : undefined;
    expect(first.ok && first.value.next).toEqual({ placedAt: T0, id: last?.id });
  });

  it("every order is for admins only; one's own orders need a signed-in user", async () => {
    const store = new InMemorySagaStore();
    expect(await listOrders({ store }, shopper, { limit: 5 })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await listMyOrders({ store }, { role: "visitor" }, { limit: 5 })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
  });
});
