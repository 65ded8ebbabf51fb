import { randomUUID } from "node:crypto";
import { ORDER_REPLIES } from "@shop/contracts";
import { describe, expect, it } from "vitest";
import type { Envelope } from "@shop/contracts";
import {
  decide,
  newSaga,
  requestRefund,
  ship,
  type SagaReply,
  type SagaState,
} from "../domain/saga";
import type {
  CartStore,
  NewOrder,
  OrderFilter,
  OrderPosition,
  SagaStore,
} from "../application/ports";

/*
 * What every SagaStore must do, run against the in-memory store (memory/saga-store.test.ts) and
 * PostgreSQL (pg/saga-store.int.test.ts) alike, so the fake the use-case tests stand on
 * cannot drift from the real store. Each test uses orders and users of its own.
 */

const T0 = new Date("2026-12-01T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

export function anOrder(overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    orderId: randomUUID(),
    userId: randomUUID(),
    idempotencyKey: `key-${randomUUID()}`,
    cartVersion: null,
    couponId: null,
    lines: [{ productId: randomUUID(), quantity: 2, name: "Linen Apron" }],
    placedAt: T0,
    ...overrides,
  };
}

export const started = (order: NewOrder) =>
  decide(newSaga({ ...order, stepTimeoutMs: 10_000 }), { kind: "start", now: order.placedAt });

export const reserved = (s: SagaState, unitPriceCents = 1_240): SagaReply => ({
  type: "stock.reserved",
  orderId: s.orderId,
  lines: s.data.requestedLines.map((l) => ({
    productId: l.productId,
    quantity: l.quantity,
    unitPriceCents,
    name: l.name ?? "x",
  })),
});

/** The lists' order: placedAt DESC, then id DESC (a uuid sorts as its lowercase hex text). */
export const newestFirst = (a: OrderPosition, b: OrderPosition) =>
  b.placedAt.getTime() - a.placedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Every page of `filter`, `limit` at a time, each asked for after the last one's last order. */
export async function allPages(
  store: SagaStore,
  filter: Omit<OrderFilter, "before" | "limit">,
  limit: number,
): Promise<string[][]> {
  const pages: string[][] = [];
  let before: OrderPosition | undefined;
  do {
    const page = await store.orders({ ...filter, limit, ...(before ? { before } : {}) });
    pages.push(page.map((o) => o.id));
    const last = page.at(-1);
    before = page.length === limit && last ? { placedAt: last.placedAt, id: last.id } : undefined;
    if (pages.length > 1_000) throw new Error("paging never ends");
  } while (before);
  return pages;
}

export function sagaStoreContract(
  name: string,
  setup: () => {
    store: () => SagaStore;
    /** The carts the store's orders take their lines from. */
    cart: () => CartStore;
    sent: (orderId: string) => Promise<Envelope[]>;
  },
) {
  describe(`${name}: the SagaStore contract`, () => {
    const { store, cart, sent } = setup();

    /** An order of the user's cart as it is now. */
    const fromCart = async (userId: string, overrides: Partial<NewOrder> = {}) => {
      const { version, lines } = await cart().read(userId);
      return anOrder({
        userId,
        cartVersion: version,
        lines: lines.map(({ productId, quantity }) => ({ productId, quantity })),
        ...overrides,
      });
    };

    it("creates the order, its saga and its first command together", async () => {
      const order = anOrder();
      const decision = started(order);
      expect(await store().create(order, decision)).toEqual({
        kind: "created",
        orderId: order.orderId,
      });
      expect(await store().load(order.orderId)).toEqual(decision.state);
      expect(await store().order(order.orderId)).toMatchObject({
        id: order.orderId,
        userId: order.userId,
        status: "PENDING",
        subtotalCents: null,
        totalCents: null,
        lines: [{ quantity: 2, unitPriceCents: null, name: "Linen Apron" }],
      });
      const messages = await sent(order.orderId);
      expect(messages.map((m) => [m.type, m.correlationId])).toEqual([
        ["stock.reserve", order.orderId],
      ]);
      expect((await store().log(order.orderId)).map((e) => e.type)).toEqual([
        "PENDING",
        "stock.reserve",
      ]);
    });

    it("keeps the trace the order was placed in; none when it was placed untraced", async () => {
      const traced = anOrder({ traceId: "4bf92f3577b34da6a3ce929d0e0e4736" });
      const untraced = anOrder();
      await store().create(traced, started(traced));
      await store().create(untraced, started(untraced));
      expect((await store().order(traced.orderId))?.traceId).toBe(traced.traceId);
      expect((await store().order(untraced.orderId))?.traceId).toBeNull();
    });

    it("one (user, idempotency key) is one order, even placed at the same time", async () => {
      const first = anOrder();
      const retries = Array.from({ length: 5 }, () =>
        anOrder({ userId: first.userId, idempotencyKey: first.idempotencyKey }),
      );
      const outcomes = await Promise.all(
        [first, ...retries].map((o) => store().create(o, started(o))),
      );
      const created = outcomes.filter((o) => o.kind === "created");
      expect(created).toHaveLength(1);
      const id = created[0]?.orderId ?? "";
      expect(new Set(outcomes.map((o) => ("orderId" in o ? o.orderId : o.kind)))).toEqual(
        new Set([id]),
      );
      expect(await sent(id)).toHaveLength(1);
      // Another user may use the same key.
      const other = anOrder({ idempotencyKey: first.idempotencyKey });
      expect(await store().create(other, started(other))).toMatchObject({ kind: "created" });
    });

    it("one cart version is one order, whatever the keys, placed at the same time; the cart's lines go with it", async () => {
      const userId = randomUUID();
      const [mug, apron] = [randomUUID(), randomUUID()];
      await cart().add(userId, mug, 2, T0);
      await cart().add(userId, apron, 1, T0);
      const tabs = await Promise.all(Array.from({ length: 5 }, () => fromCart(userId)));
      const outcomes = await Promise.all(tabs.map((o) => store().create(o, started(o))));
      const created = outcomes.filter((o) => o.kind === "created");
      expect(created).toHaveLength(1);
      const id = created[0]?.orderId ?? "";
      expect(outcomes).toEqual(
        outcomes.map((o) => (o.kind === "created" ? o : { kind: "existing", orderId: id })),
      );
      expect(await store().orderFromCart(userId, tabs[0]?.cartVersion ?? -1)).toEqual({
        orderId: id,
        placedAt: T0,
      });
      expect((await store().order(id))?.lines.map((l) => l.quantity).sort()).toEqual([1, 2]);
      const after = await cart().read(userId);
      expect(after.lines).toEqual([]);
      expect(after.version).toBeGreaterThan(tabs[0]?.cartVersion ?? Infinity);
      expect(await sent(id)).toHaveLength(1);
    });

    it("a cart changed since it was read is no order, and keeps the change", async () => {
      const userId = randomUUID();
      const mug = randomUUID();
      await cart().add(userId, mug, 2, T0);
      const stale = await fromCart(userId);
      expect(await cart().set(userId, mug, 5, T0)).toBe("changed");
      expect(await store().create(stale, started(stale))).toEqual({ kind: "cart_changed" });
      expect(await store().order(stale.orderId)).toBeNull();
      expect((await cart().read(userId)).lines.map((l) => l.quantity)).toEqual([5]);
      // Read again, it is ordered.
      const fresh = await fromCart(userId);
      expect(await store().create(fresh, started(fresh))).toMatchObject({ kind: "created" });
      expect(await store().orderFromCart(userId, stale.cartVersion ?? -1)).toBeNull();
    });

    it("every change of a line moves the cart's version on; one that changes nothing does not", async () => {
      const userId = randomUUID();
      const mug = randomUUID();
      const versions = [(await cart().read(userId)).version];
      const step = async (change: () => Promise<unknown>) => {
        await change();
        versions.push((await cart().read(userId)).version);
      };
      await step(() => cart().add(userId, mug, 2, T0));
      await step(() => cart().set(userId, mug, 3, T0));
      await step(() => cart().add(userId, mug, 99, T0)); // too many: refused
      await step(() => cart().set(userId, randomUUID(), 0, T0)); // no such line
      await step(() => cart().set(userId, mug, 0, T0));
      expect(versions).toEqual([0, 1, 2, 2, 2, 3]);
    });

    it("saves a decision with its log, order columns, outbox and inbox; a duplicate writes nothing", async () => {
      const order = anOrder();
      await store().create(order, started(order));
      const from = (await store().load(order.orderId)) as SagaState;
      const reply = { consumer: ORDER_REPLIES.name, messageId: randomUUID() };
      const decision = decide(from, {
        kind: "reply",
        reply: reserved(from),
        messageId: reply.messageId,
        now: at(1_000),
      });
      expect(await store().save(from, decision, { reply, now: at(1_000) })).toBe("saved");
      expect(await store().load(order.orderId)).toEqual(decision.state);
      expect(await store().order(order.orderId)).toMatchObject({
        status: "COUPON_APPLIED",
        subtotalCents: 2_480,
        totalCents: 2_480,
        completedAt: null,
        lines: [{ unitPriceCents: 1_240 }],
      });
      const messages = await sent(order.orderId);
      expect(messages.map((m) => m.type)).toEqual(["stock.reserve", "payment.pay"]);
      expect(messages[1]?.causationId).toBe(reply.messageId);
      const log = await store().log(order.orderId);
      expect(log.map((e) => e.type)).toEqual([
        "PENDING",
        "stock.reserve",
        "stock.reserved",
        "STOCK_RESERVED",
        "COUPON_APPLIED",
        "payment.pay",
      ]);
      // Each command names the message it went out as, and the reply the message it came in as.
      expect(log.map((e) => e.messageId)).toEqual([
        undefined,
        messages[0]?.messageId,
        reply.messageId,
        undefined,
        undefined,
        messages[1]?.messageId,
      ]);
      expect(await store().save(from, decision, { reply, now: at(2_000) })).toBe("duplicate");
      expect(await sent(order.orderId)).toHaveLength(2);
    });

    it("a decision from a stale read writes nothing, not even the inbox record", async () => {
      const order = anOrder();
      await store().create(order, started(order));
      const from = (await store().load(order.orderId)) as SagaState;
      const winner = decide(from, { kind: "reply", reply: reserved(from), now: at(1) });
      const loser = decide(from, { kind: "deadline", now: at(20_000) });
      expect(await store().save(from, winner, { now: at(1) })).toBe("saved");
      const reply = { consumer: ORDER_REPLIES.name, messageId: randomUUID() };
      expect(await store().save(from, loser, { reply, now: at(20_000) })).toBe("stale");
      expect(await store().load(order.orderId)).toEqual(winner.state);
      // The inbox record was rolled back with it: the re-decided reply is not a duplicate.
      const current = (await store().load(order.orderId)) as SagaState;
      expect(
        await store().save(current, decide(current, { kind: "deadline", now: at(2) }), {
          reply,
          now: at(2),
        }),
      ).toBe("saved");
      // An unchanged decision from a stale read is stale too.
      expect(await store().save(from, { state: from, commands: [] }, { now: at(3) })).toBe("stale");
    });

    it("overdue sagas are ticked oldest first, up to the limit, and saved with the tick", async () => {
      const orders = [anOrder(), anOrder({ placedAt: at(5) }), anOrder({ placedAt: at(10) })];
      for (const o of orders) await store().create(o, started(o));
      const ticked: string[] = [];
      const mine = new Set(orders.map((o) => o.orderId));
      const tick = (now: Date) => (s: SagaState) => {
        if (mine.has(s.orderId)) ticked.push(s.orderId);
        return mine.has(s.orderId)
          ? decide(s, { kind: "deadline", now })
          : { state: s, commands: [] };
      };
      // Nothing is overdue before the deadline.
      await store().overdue(at(9_000), 100, tick(at(9_000)));
      expect(ticked).toEqual([]);
      await store().overdue(at(10_005), 100, tick(at(10_005)));
      expect(ticked).toEqual([orders[0]?.orderId, orders[1]?.orderId]);
      for (const o of orders.slice(0, 2)) {
        expect(await store().order(o.orderId)).toMatchObject({ status: "COMPENSATING" });
        expect((await sent(o.orderId)).map((m) => m.type)).toEqual([
          "stock.reserve",
          "stock.release",
        ]);
      }
      expect(await store().order(orders[2]?.orderId ?? "")).toMatchObject({ status: "PENDING" });
    });

    it("waiting since: the sagas awaiting a step that did not move since `before` are ticked, passed deadline or not; the rest are left", async () => {
      const [stale, moved, fresh] = [anOrder(), anOrder(), anOrder({ placedAt: at(2_000) })];
      for (const o of [stale, moved, fresh]) await store().create(o, started(o));
      const from = (await store().load(moved.orderId)) as SagaState;
      const reply = decide(from, { kind: "reply", reply: reserved(from), now: at(1_500) });
      expect(await store().save(from, reply, { now: at(1_500) })).toBe("saved");
      const mine = new Set([stale, moved, fresh].map((o) => o.orderId));
      const ticked: string[] = [];
      const resume = (s: SagaState) => {
        if (!mine.has(s.orderId)) return { state: s, commands: [] };
        ticked.push(s.orderId);
        return decide(s, { kind: "resume", now: at(3_000) });
      };
      // `stale` last changed at T0, `moved` at 1.5 s, `fresh` at 2 s: only `stale` is before 1 s.
      await store().waitingSince(at(1_000), at(3_000), 100, resume);
      expect(ticked).toEqual([stale.orderId]);
      expect(await store().load(stale.orderId)).toMatchObject({
        status: "PENDING",
        deadline: at(13_000).toISOString(),
      });
      expect((await sent(stale.orderId)).map((m) => m.type)).toEqual([
        "stock.reserve",
        "stock.reserve",
      ]);
      // Resumed, it moved: asking again with the same `before` leaves it alone.
      await store().waitingSince(at(1_000), at(3_000), 100, resume);
      expect(ticked).toEqual([stale.orderId]);
    });

    it("pages newest first by (placedAt, id): orders placed in one millisecond across a page boundary come once each", async () => {
      const userId = randomUUID();
      // Seven orders in one millisecond between older and newer ones: pages of three split
      // the tie twice. Paging by placedAt alone skipped the rest of a tie after a boundary.
      const orders = [
        ...[at(-1), at(-1)].map((placedAt) => anOrder({ userId, placedAt })),
        ...Array.from({ length: 7 }, () => anOrder({ userId, placedAt: at(-1_000_000) })),
        ...[at(-2_000_000), at(-2_000_000)].map((placedAt) => anOrder({ userId, placedAt })),
      ];
      for (const o of orders) await store().create(o, started(o));
      const expected = orders
        .map((o) => ({ id: o.orderId, placedAt: o.placedAt }))
        .sort(newestFirst)
        .map((o) => o.id);

      const pages = await allPages(store(), { userId }, 3);
      expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 2]);
      expect(pages.flat()).toEqual(expected);
      // A cursor is a position, not an order: one alone on its page is continued too.
      expect((await allPages(store(), { userId }, 1)).flat()).toEqual(expected);

      // The admin's lists (a state, or every order) page the same way among other tests' orders.
      const mine = new Set(expected);
      for (const filter of [{ status: "PENDING" as const }, {}]) {
        const ids = (await allPages(store(), filter, 4)).flat();
        expect(new Set(ids).size, JSON.stringify(filter)).toBe(ids.length);
        expect(ids.filter((id) => mine.has(id))).toEqual(expected);
      }
    });

    it("running: the sagas not terminal, oldest placed first, with their step and deadline", async () => {
      const [older, newer, done] = [
        anOrder({ placedAt: at(-60_000) }),
        anOrder({ placedAt: at(-30_000) }),
        anOrder({ placedAt: at(-90_000) }),
      ];
      for (const o of [newer, done, older]) await store().create(o, started(o));
      const s = (await store().load(done.orderId)) as SagaState;
      const rejected: SagaReply = {
        type: "stock.rejected",
        orderId: done.orderId,
        reason: "OUT_OF_STOCK",
        productId: done.lines[0]?.productId ?? "",
        available: 0,
      };
      await store().save(s, decide(s, { kind: "reply", reply: rejected, now: at(1) }), {
        now: at(1),
      });
      const { total, sagas } = await store().running(10_000);
      const mine = sagas.filter((r) => [older, newer, done].some((o) => o.orderId === r.orderId));
      expect(mine.map((r) => r.orderId)).toEqual([older.orderId, newer.orderId]);
      expect(mine[0]).toMatchObject({ status: "PENDING", step: "stock", placedAt: older.placedAt });
      expect(mine[0]?.deadline).toBeInstanceOf(Date);
      expect(total).toBeGreaterThanOrEqual(2);
      expect(total).toBe(sagas.length);
      expect((await store().running(1)).sagas).toHaveLength(1);
    });

    it("after the sale: a refund's money and units, the fulfilment, the states, the running list", async () => {
      const order = anOrder();
      await store().create(order, started(order));
      const placed = (await store().load(order.orderId)) as SagaState;
      const priced = decide(placed, { kind: "reply", reply: reserved(placed, 1_000), now: at(1) });
      expect(await store().save(placed, priced, { now: at(1) })).toBe("saved");
      const paid = decide(priced.state, {
        kind: "reply",
        reply: { type: "payment.paid", orderId: order.orderId, amountCents: 2_000 },
        now: at(2),
      });
      expect(await store().save(priced.state, paid, { now: at(2) })).toBe("saved");
      const productId = order.lines[0]?.productId ?? "";
      const refund = requestRefund(paid.state, {
        refundId: randomUUID(),
        lines: [{ productId, quantity: 1 }],
        restock: true,
        reason: "torn",
        by: randomUUID(),
        now: at(3),
      });
      if (!refund.ok) throw new Error(refund.error.code);
      expect(await store().save(paid.state, refund.value, { now: at(3) })).toBe("saved");
      expect(await store().order(order.orderId)).toMatchObject({
        status: "COMPLETED",
        refundedCents: 0,
      });
      // A refund under way is waited for: the console lists it among the running sagas.
      const running = await store().running(10_000);
      expect(running.sagas.map((r) => r.orderId)).toContain(order.orderId);
      const shipped = ship(refund.value.state, { carrier: "DHL", tracking: null, now: at(4) });
      if (!shipped.ok) throw new Error(shipped.error.code);
      expect(await store().save(refund.value.state, shipped.value, { now: at(4) })).toBe("saved");
      const states = await store().states([order.orderId, randomUUID()]);
      expect(states).toEqual([
        { id: order.orderId, status: "SHIPPED", updatedAt: expect.any(Date) },
      ]);
      const listed = await store().orders({ status: "SHIPPED", limit: 10_000 });
      expect(listed.find((o) => o.id === order.orderId)).toMatchObject({ refundedCents: 0 });
      expect(await store().states([])).toEqual([]);
    });

    it("a cancelled order keeps its reason", async () => {
      const order = anOrder();
      await store().create(order, started(order));
      const s = (await store().load(order.orderId)) as SagaState;
      const rejected: SagaReply = {
        type: "stock.rejected",
        orderId: order.orderId,
        reason: "OUT_OF_STOCK",
        productId: order.lines[0]?.productId ?? "",
        available: 1,
      };
      const d = decide(s, { kind: "reply", reply: rejected, now: at(1) });
      expect(await store().save(s, d, { now: at(1) })).toBe("saved");
      expect(await store().order(order.orderId)).toMatchObject({
        status: "CANCELLED",
        reasonCode: "OUT_OF_STOCK",
        reasonMessage: "Only 1 left of Linen Apron",
      });
      expect(await store().load(randomUUID())).toBeNull();
      expect(await store().order(randomUUID())).toBeNull();
    });
  });
}
