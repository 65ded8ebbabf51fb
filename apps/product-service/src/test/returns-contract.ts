import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { createProduct } from "../application/create-product";
import { listProducts } from "../application/list-products";
import { popularProducts } from "../application/popular-products";
import type { ProductDeps, ProductWithCategory } from "../application/ports";
import { projectCompletedOrder } from "../application/project-completed-order";
import { projectOrderReturn } from "../application/project-order-return";
import { rebuildReadModels } from "../application/rebuild-read-models";
import { salesAnalytics } from "../application/sales-analytics";
import { completedOrderOf, returnedSaleOf } from "../adapters/event-mapping";
import { dayIn, windowDays, type SaleLine } from "../domain/sales";
import { ADMIN, orderCompletedEvent, orderReturnEvent, VISITOR } from "./fixtures";
import { valueOf } from "./results";

/** What the returns contract needs of a query side: the in-memory one or PostgreSQL's. */
export interface ReturnsWorld {
  /** With a 3-day UTC window, a fixed clock, and product events projected as they happen. */
  deps: ProductDeps;
  /** Every read model's rows, to compare a rebuild with the live projection. */
  snapshot(): Promise<unknown>;
}

const DAY = 24 * 60 * 60_000;

/**
 * order.cancelled and order.refunded on the sales read models, held to the same expectations on
 * every store: net of returns, on the day the units were sold, once per event, and a rebuild
 * from the history equal to the live projection.
 */
export function returnsContract(
  name: string,
  world: () => Promise<ReturnsWorld>,
  /** How many generated worlds the property below runs (each a fresh world). */
  worlds = 20,
) {
  describe(`sales net of cancellations and refunds (${name})`, () => {
    let w: ReturnsWorld;
    let now: Date;
    beforeEach(async () => {
      w = await world();
      now = w.deps.clock.now();
    });
    const ago = (days: number) => new Date(now.getTime() - days * DAY);

    const make = async (name: string, priceCents = 500): Promise<ProductWithCategory> =>
      valueOf(
        await createProduct(w.deps, {
          name,
          description: "",
          categorySlug: "kitchen",
          priceCents,
          stock: 100,
        }),
      );
    /** An order completed at `soldAt`, counted by the projector; answers what a return needs. */
    async function sell(soldAt: Date, lines: [ProductWithCategory, number][]) {
      const order = {
        orderId: randomUUID(),
        soldAt,
        lines: lines.map(([p, quantity]) => ({
          productId: p.id,
          quantity,
          unitPriceCents: p.priceCents,
        })),
      };
      const event = orderCompletedEvent({ ...order, completedAt: soldAt });
      expect(await projectCompletedOrder(w.deps, completedOrderOf(event.payload), event)).toBe(
        "counted",
      );
      return order;
    }
    const consume = (event: ReturnType<typeof orderReturnEvent>) =>
      projectOrderReturn(w.deps, returnedSaleOf(event.payload), event);
    /** What "Popular now" shows a visitor: [name, units, revenue]. */
    const popular = async () =>
      (await popularProducts(w.deps, VISITOR)).items.map((i) => [
        i.product.name,
        i.units,
        i.revenueCents,
      ]);

    it("a refund of 1 unit takes 1 unit and its gross price off, on the day it was sold", async () => {
      const mug = await make("Mug", 500);
      const cup = await make("Cup", 300);
      const sold = await sell(ago(1), [
        [mug, 3],
        [cup, 1],
      ]);
      await sell(now, [[mug, 1]]);
      expect(await popular()).toEqual([
        ["Mug", 4, 2_000],
        ["Cup", 1, 300],
      ]);
      const refund = orderReturnEvent("refunded", {
        ...sold,
        lines: [{ productId: mug.id, quantity: 1, unitPriceCents: 500 }],
      });
      // A coupon's share off what the line gave back: revenue is gross, so 500 comes off all
      // the same (quantity x the unit price it was sold at).
      const withCoupon = {
        ...refund,
        payload: {
          ...refund.payload,
          lines: [{ ...refund.payload.lines[0]!, amountCents: 400 }],
          amountCents: 400,
        },
      };
      expect(await consume(withCoupon)).toBe("counted");
      expect(await popular()).toEqual([
        ["Mug", 3, 1_500],
        ["Cup", 1, 300],
      ]);
      const analytics = await salesAnalytics(w.deps, ADMIN);
      expect(
        analytics.items.map((i) => [i.product.name, i.returnedUnits, i.returnedRevenueCents]),
      ).toEqual([
        ["Mug", 1, 500],
        ["Cup", 0, 0],
      ]);
      // Yesterday's bar (the sale's day) lost the unit; today's kept its own.
      const bars = analytics.series.map((s) => [s.day, s.units[mug.id]]);
      expect(bars).toEqual([
        [analytics.window.from, 0],
        [analytics.series[1]!.day, 2],
        [analytics.window.to, 1],
      ]);
    });

    it("a cancellation takes all its units off: the product leaves the top and sorts as unsold", async () => {
      const mug = await make("Mug");
      const cup = await make("Cup");
      await sell(now, [[mug, 2]]);
      const order = await sell(now, [
        [cup, 5],
        [mug, 1],
      ]);
      expect((await popular()).map(([name, units]) => [name, units])).toEqual([
        ["Cup", 5],
        ["Mug", 3],
      ]);
      expect(await consume(orderReturnEvent("cancelled", order))).toBe("counted");
      expect(await popular()).toEqual([["Mug", 2, 1_000]]);
      const listing = await listProducts(
        w.deps,
        { status: "active", sort: "popular", page: 1, pageSize: 12 },
        VISITOR,
      );
      expect(listing.items[0]?.name).toBe("Mug");
      const analytics = await salesAnalytics(w.deps, ADMIN);
      expect(analytics.items.map((i) => i.product.name)).toEqual(["Mug"]);
      expect(analytics.series.map((s) => s.units[mug.id])).toEqual([0, 0, 2]);
    });

    it("a duplicate return (the same message, or the same refund under a new message id) changes nothing", async () => {
      const mug = await make("Mug");
      const order = await sell(now, [[mug, 5]]);
      const refund = orderReturnEvent("refunded", {
        ...order,
        lines: [{ productId: mug.id, quantity: 2, unitPriceCents: 500 }],
      });
      expect(await consume(refund)).toBe("counted");
      expect(await consume(refund)).toBe("duplicate");
      expect(await consume({ ...refund, messageId: randomUUID() })).toBe("duplicate");
      expect(await popular()).toEqual([["Mug", 3, 1_500]]);
      // Another refund of the same order is its own: it counts.
      const second = orderReturnEvent("refunded", {
        ...order,
        lines: [{ productId: mug.id, quantity: 1, unitPriceCents: 500 }],
      });
      expect(await consume(second)).toBe("counted");
      expect(await popular()).toEqual([["Mug", 2, 1_000]]);
    });

    it("a return that overtakes its sale nets out the same once the sale arrives", async () => {
      const mug = await make("Mug");
      const cup = await make("Cup");
      await sell(now, [[cup, 1]]);
      const order = {
        orderId: randomUUID(),
        soldAt: ago(2),
        lines: [{ productId: mug.id, quantity: 4, unitPriceCents: 500 }],
      };
      const refund = orderReturnEvent("refunded", {
        ...order,
        lines: [{ ...order.lines[0]!, quantity: 1 }],
      });
      expect(await consume(refund)).toBe("counted");
      // Nothing sold to take it from yet: never below 0.
      expect(await popular()).toEqual([["Cup", 1, 500]]);
      const sale = orderCompletedEvent({ ...order, completedAt: order.soldAt });
      await projectCompletedOrder(w.deps, completedOrderOf(sale.payload), sale);
      expect(await popular()).toEqual([
        ["Mug", 3, 1_500],
        ["Cup", 1, 500],
      ]);
    });

    it("a return of a sale older than the window changes nothing in it", async () => {
      const mug = await make("Mug");
      const old = await sell(ago(4), [[mug, 3]]);
      await sell(now, [[mug, 2]]);
      expect(await consume(orderReturnEvent("cancelled", old))).toBe("counted");
      expect(await popular()).toEqual([["Mug", 2, 1_000]]);
    });

    it("a rebuild from the event history gives the live projection's numbers after completions and returns", async () => {
      const mug = await make("Mug", 500);
      const cup = await make("Cup", 300);
      const lamp = await make("Lamp", 2_000);
      const a = await sell(ago(2), [
        [mug, 2],
        [cup, 4],
      ]);
      const b = await sell(ago(1), [
        [lamp, 1],
        [mug, 3],
      ]);
      const c = await sell(now, [[cup, 2]]);
      await consume(orderReturnEvent("refunded", { ...a, lines: [a.lines[1]!] }));
      await consume(orderReturnEvent("cancelled", b));
      const partial = orderReturnEvent("refunded", {
        ...c,
        lines: [{ ...c.lines[0]!, quantity: 1 }],
      });
      await consume(partial);
      await consume(partial); // a duplicate: in the history once
      const live = await w.snapshot();
      const livePopular = await popularProducts(w.deps, ADMIN);
      const liveAnalytics = await salesAnalytics(w.deps, ADMIN);
      expect(livePopular.items.map((i) => [i.product.name, i.units, i.revenueCents])).toEqual([
        ["Mug", 2, 1_000],
        ["Cup", 1, 300],
      ]);

      const { events } = await rebuildReadModels(w.deps);
      // 3 products created, 3 orders, 3 returns.
      expect(events).toBe(3 + 3 + 3);
      expect(await w.snapshot()).toEqual(live);
      expect(await popularProducts(w.deps, ADMIN)).toEqual(livePopular);
      expect(await salesAnalytics(w.deps, ADMIN)).toEqual(liveAnalytics);
    });

    it("generated worlds: sales and returns arriving in any order, with duplicates, net out to sold - returned per day, and a rebuild agrees", async () => {
      for (let seed = 1; seed <= worlds; seed++) {
        w = await world();
        now = w.deps.clock.now();
        const random = mulberry32(seed);
        const pick = (n: number) => Math.floor(random() * n);
        const products = [await make("A", 500), await make("B", 300), await make("C", 1_250)];
        const events: (() => Promise<unknown>)[] = [];
        /** What each (day, product) must come to: sold less returned. */
        const expected = new Map<string, { units: number; revenue: number; returned: number }>();
        const tally = (day: string, l: SaleLine, sign: 1 | -1) => {
          const key = `${day}|${l.productId}`;
          const e = expected.get(key) ?? { units: 0, revenue: 0, returned: 0 };
          e.units += sign * l.quantity;
          e.revenue += sign * l.quantity * l.unitPriceCents;
          if (sign < 0) e.returned += l.quantity;
          expected.set(key, e);
        };
        for (let o = 0; o < 6; o++) {
          // Sold up to 4 days ago: some outside the 3-day window.
          const soldAt = new Date(now.getTime() - pick(5 * 24) * 60 * 60_000);
          const day = dayIn(soldAt, "UTC");
          const chosen = products.filter(() => random() < 0.6);
          const lines = (chosen.length ? chosen : [products[pick(3)]!]).map((p) => ({
            productId: p.id,
            quantity: 1 + pick(4),
            unitPriceCents: p.priceCents,
          }));
          const order = { orderId: randomUUID(), soldAt, lines };
          const sale = orderCompletedEvent({ ...order, completedAt: soldAt });
          events.push(() => projectCompletedOrder(w.deps, completedOrderOf(sale.payload), sale));
          for (const l of lines) tally(day, l, 1);
          const left = new Map(lines.map((l) => [l.productId, l.quantity]));
          const returns: ReturnType<typeof orderReturnEvent>[] = [];
          if (random() < 0.3) {
            returns.push(orderReturnEvent("cancelled", order));
            left.clear();
          } else
            for (let r = pick(3); r > 0; r--) {
              const back = lines
                .map((l) => ({ ...l, quantity: pick((left.get(l.productId) ?? 0) + 1) }))
                .filter((l) => l.quantity > 0);
              if (!back.length) continue;
              for (const l of back) left.set(l.productId, left.get(l.productId)! - l.quantity);
              returns.push(orderReturnEvent("refunded", { ...order, lines: back }));
            }
          for (const ret of returns) {
            for (const l of ret.payload.lines) tally(day, l, -1);
            events.push(() => consume(ret));
            // Duplicates: the same message again, or the refund re-sent under a new message id.
            if (random() < 0.3) events.push(() => consume(ret));
            if (random() < 0.3) events.push(() => consume({ ...ret, messageId: randomUUID() }));
          }
        }
        // Any arrival order: a return may overtake its sale.
        for (let i = events.length - 1; i > 0; i--) {
          const j = pick(i + 1);
          [events[i], events[j]] = [events[j]!, events[i]!];
        }
        for (const apply of events) await apply();

        const days = windowDays(now, w.deps.salesWindow);
        const totals = products
          .map((p) => {
            const rows = days.map((d) => expected.get(`${d}|${p.id}`));
            const sum = (f: (e: { units: number; revenue: number; returned: number }) => number) =>
              rows.reduce((n, e) => n + (e ? f(e) : 0), 0);
            return {
              id: p.id,
              units: sum((e) => e.units),
              revenue: sum((e) => e.revenue),
              returned: sum((e) => e.returned),
            };
          })
          .filter((t) => t.units > 0)
          .sort((a, b) => b.units - a.units || (a.id < b.id ? -1 : 1));
        const analytics = await salesAnalytics(w.deps, ADMIN);
        const seen = analytics.items.map((i) => ({
          id: i.product.id,
          units: i.units,
          revenue: i.revenueCents,
          returned: i.returnedUnits,
        }));
        expect(seen, `world ${seed}`).toEqual(totals);
        expect(
          analytics.series.map((s) => totals.map((t) => s.units[t.id])),
          `world ${seed}`,
        ).toEqual(days.map((d) => totals.map((t) => expected.get(`${d}|${t.id}`)?.units ?? 0)));

        const live = await w.snapshot();
        await rebuildReadModels(w.deps);
        expect(await w.snapshot(), `world ${seed}`).toEqual(live);
        expect(await salesAnalytics(w.deps, ADMIN), `world ${seed}`).toEqual(analytics);
      }
    });
  });
}

/** A small seeded generator, so a failing world can be run again by its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
