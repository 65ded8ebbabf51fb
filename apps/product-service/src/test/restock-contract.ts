import { randomUUID } from "node:crypto";
import { PRODUCT_COMMANDS } from "@shop/contracts";
import type { ReceivedMessage } from "@shop/kernel";
import { beforeEach, describe, expect, it } from "vitest";
import type { ProductDeps } from "../application/ports";
import { reserveStock } from "../application/reserve-stock";
import { restockOrder } from "../application/restock-order";
import { MAX_STOCK, type Product } from "../domain/product";
import type { RestockRequest } from "../domain/reservation";
import { aProduct } from "./fixtures";

/** What the restock contract needs of a stock store: the in-memory one or PostgreSQL's. */
export interface RestockWorld {
  deps: Pick<ProductDeps, "saga" | "clock">;
  /** Puts the products on the command side as they are (stock, status). */
  seed(products: Product[]): Promise<void>;
  stockOf(id: string): Promise<number>;
  /** The versions of the product.stock-changed events recorded for the product, in order. */
  stockChanges(id: string): Promise<number[]>;
  /** The product's stock as the catalog view (the product page) shows it, once projected. */
  shownStockOf(id: string): Promise<number | undefined>;
}

/**
 * stock.restock, held to the same expectations on every store (the in-memory one and
 * PostgreSQL's): units back once per refund, never refused, each move a stock-changed event.
 */
export function restockContract(name: string, world: () => Promise<RestockWorld>) {
  describe(`restock (${name})`, () => {
    let w: RestockWorld;
    beforeEach(async () => {
      w = await world();
    });

    /** A restock command of the refund's saga (its correlation id is the refund id). */
    const command = (refundId: string): ReceivedMessage => ({
      consumer: PRODUCT_COMMANDS.name,
      messageId: randomUUID(),
      correlationId: refundId,
    });
    const request = (lines: [Product, number][], refundId = randomUUID()): RestockRequest => ({
      orderId: randomUUID(),
      refundId,
      lines: lines.map(([p, quantity]) => ({ productId: p.id, quantity })),
    });
    async function seed(...fields: Partial<Product>[]) {
      const products = fields.map((f) => aProduct(f));
      await w.seed(products);
      return products;
    }

    it("puts the units back and answers restocked, with a stock-changed event at the next version", async () => {
      const [mug, cup] = await seed({ stock: 5 }, { stock: 0 });
      const r = request([
        [mug!, 2],
        [cup!, 3],
      ]);
      expect(await restockOrder(w.deps, command(r.refundId), r)).toEqual({
        duplicate: false,
        reply: { kind: "restocked", orderId: r.orderId, refundId: r.refundId },
      });
      expect([await w.stockOf(mug!.id), await w.stockOf(cup!.id)]).toEqual([7, 3]);
      expect(await w.stockChanges(mug!.id)).toEqual([2]);
      expect(await w.stockChanges(cup!.id)).toEqual([2]);
      // The event carries the product's new state: the catalog view shows the restored stock.
      expect([await w.shownStockOf(mug!.id), await w.shownStockOf(cup!.id)]).toEqual([7, 3]);
    });

    it("is idempotent per refund: the same message is a duplicate, a re-sent command moves nothing and answers the same", async () => {
      const [mug] = await seed({ stock: 5 });
      const r = request([[mug!, 2]]);
      const cmd = command(r.refundId);
      const first = await restockOrder(w.deps, cmd, r);
      expect(await restockOrder(w.deps, cmd, r)).toEqual({ duplicate: true });
      // Re-sent by a resumed orchestrator under a new message id, even with other lines.
      const again = await restockOrder(w.deps, command(r.refundId), {
        ...r,
        lines: [{ productId: mug!.id, quantity: 9 }],
      });
      expect(again).toEqual(first);
      expect(await restockOrder(w.deps, command(r.refundId), r)).toEqual(first);
      expect(await w.stockOf(mug!.id)).toBe(7);
      expect(await w.stockChanges(mug!.id)).toEqual([2]);
    });

    it("two refunds of one order each put their own units back", async () => {
      const [mug] = await seed({ stock: 5 });
      const orderId = randomUUID();
      for (const quantity of [1, 2]) {
        const r = { ...request([[mug!, quantity]]), orderId };
        await restockOrder(w.deps, command(r.refundId), r);
      }
      expect(await w.stockOf(mug!.id)).toBe(8);
    });

    it("never refuses: an archived product takes its units back, past MAX_STOCK too", async () => {
      const [old, full] = await seed({ stock: 1, status: "archived" }, { stock: MAX_STOCK });
      const r = request([
        [old!, 4],
        [full!, 2],
      ]);
      expect(await restockOrder(w.deps, command(r.refundId), r)).toMatchObject({
        reply: { kind: "restocked" },
      });
      expect([await w.stockOf(old!.id), await w.stockOf(full!.id)]).toEqual([5, MAX_STOCK + 2]);
      expect(await w.shownStockOf(old!.id)).toBe(5);
    });

    it("a product named twice gets both lines; an unknown product is skipped, the rest restocked", async () => {
      const [mug] = await seed({ stock: 5 });
      const r: RestockRequest = {
        orderId: randomUUID(),
        refundId: randomUUID(),
        lines: [
          { productId: mug!.id, quantity: 1 },
          { productId: randomUUID(), quantity: 3 },
          { productId: mug!.id, quantity: 2 },
        ],
      };
      expect(await restockOrder(w.deps, command(r.refundId), r)).toMatchObject({
        reply: { kind: "restocked", refundId: r.refundId },
      });
      expect(await w.stockOf(mug!.id)).toBe(8);
      expect(await w.stockChanges(mug!.id)).toEqual([2]);
    });

    it("the same refund twice at once restocks once", async () => {
      const [mug] = await seed({ stock: 5 });
      const r = request([[mug!, 3]]);
      const both = await Promise.all([
        restockOrder(w.deps, command(r.refundId), r),
        restockOrder(w.deps, command(r.refundId), r),
      ]);
      expect(both.map((h) => !h.duplicate && h.reply.kind)).toEqual(["restocked", "restocked"]);
      expect(await w.stockOf(mug!.id)).toBe(8);
    });

    it("after a sale: what the order took comes back, beside other orders' reservations", async () => {
      const [mug] = await seed({ stock: 5 });
      const orderId = randomUUID();
      await reserveStock(
        w.deps,
        { consumer: PRODUCT_COMMANDS.name, messageId: randomUUID(), correlationId: orderId },
        { orderId, lines: [{ productId: mug!.id, quantity: 4 }] },
      );
      expect(await w.stockOf(mug!.id)).toBe(1);
      const r = { ...request([[mug!, 3]]), orderId };
      await restockOrder(w.deps, command(r.refundId), r);
      expect(await w.stockOf(mug!.id)).toBe(4);
    });
  });
}
