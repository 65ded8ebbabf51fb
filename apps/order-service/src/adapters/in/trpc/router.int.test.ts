import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseCheck, startServiceServer, type ServiceServer } from "@shop/service-kit";
import {
  capturingLog,
  clientFailure as failure,
  credentialClients,
  expectBadCredentialsRefused,
  expectCredentialRequired,
  testCredentials,
} from "@shop/service-kit/test-fixtures";
import type { Actor } from "@shop/contracts";
import { handleReply } from "../../../application/handle-reply";
import type { OrderDeps } from "../../../application/ports";
import { orderDeps } from "../../../deps";
import { useTestDatabase } from "../../../test/database";
import { anOrder, newestFirst, started } from "../../../test/store-contract";
import { orderServiceRouter, type OrderServiceRouter } from "./router";
import { createContextFactory } from "./trpc";

const t = useTestDatabase();
/** The tests play the BFF: they hold its private key; the service verifies its own audience. */
const bff = testCredentials();
const { log, lines: logLines } = capturingLog("order-service-test");
let deps: OrderDeps;
let server: ServiceServer;

beforeAll(async () => {
  deps = orderDeps(t.db);
  server = await startServiceServer({
    name: "order-service",
    router: orderServiceRouter,
    createContext: createContextFactory({ deps, log, verifier: bff.verifier("order-service") }),
    host: "127.0.0.1",
    port: 0,
    logger: log,
    readiness: { database: databaseCheck(t.db) },
    shutdownGraceMs: 1_000,
  });
});
afterAll(async () => {
  await server?.close();
});

const { clientWith, tokens } = credentialClients<OrderServiceRouter>(() => server.url);
type Client = ReturnType<typeof clientWith>;
const as = (actor: Actor) => clientWith(() => bff.bearer(actor, "order-service"));
const shopper = (userId = randomUUID()) => ({ userId, client: as({ role: "shopper", userId }) });
const admin = () => as({ role: "admin", userId: randomUUID() });
const key = () => randomUUID().replaceAll("-", "");
const APRON = randomUUID();
const MUG = randomUUID();

describe("orderServiceRouter over HTTP", () => {
  describe("internal credential", () => {
    const calls = (c: Client) => ({
      "cart.get": () => c.cart.get.query(),
      "cart.add": () => c.cart.add.mutate({ productId: APRON }),
      "cart.setQuantity": () => c.cart.setQuantity.mutate({ productId: APRON, quantity: 2 }),
      "orders.place": () => c.orders.place.mutate({ idempotencyKey: key() }),
      "orders.mine": () => c.orders.mine.query({}),
      "orders.get": () => c.orders.get.query({ orderId: randomUUID() }),
      "admin.orders.list": () => c.admin.orders.list.query({}),
      "admin.orders.get": () => c.admin.orders.get.query({ orderId: randomUUID() }),
    });

    it("is required by every procedure, and checked before the input", async () => {
      await expectCredentialRequired(calls(clientWith()));
      const error = await failure(clientWith().cart.add.mutate({ productId: "x", quantity: -1 }));
      expect(error.data?.code).toBe("UNAUTHORIZED");
      expect(await t.db.cartLine.count()).toBe(0);
    });

    it("refuses a forged, an expired, a malformed or another service's credential", async () => {
      await expectBadCredentialsRefused({
        clientWith,
        calls,
        bff,
        actor: { role: "shopper", userId: randomUUID() },
        audience: "order-service",
        otherAudiences: ["payment-service", "product-service"],
      });
      expect(await t.db.order.count()).toBe(0);
    });

    it("never writes a credential to the log", () => {
      expect(tokens.size).toBeGreaterThan(0);
      for (const token of tokens)
        expect(logLines.some((l) => l.includes(token.slice(-20)))).toBe(false);
    });
  });

  describe("cart", () => {
    it("adds, adds more, sets, removes: each answer is the cart as it now is", async () => {
      const { client } = shopper();
      expect((await client.cart.get.query()).lines).toEqual([]);
      await client.cart.add.mutate({ productId: APRON, quantity: 2 });
      await client.cart.add.mutate({ productId: MUG });
      let cart = await client.cart.add.mutate({ productId: APRON, quantity: 3 });
      expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([
        [APRON, 5],
        [MUG, 1],
      ]);
      cart = await client.cart.setQuantity.mutate({ productId: MUG, quantity: 7 });
      expect(cart.lines.find((l) => l.productId === MUG)?.quantity).toBe(7);
      cart = await client.cart.setQuantity.mutate({ productId: APRON, quantity: 0 });
      expect(cart.lines.map((l) => l.productId)).toEqual([MUG]);
    });

    it("is the credential's user's: another shopper's cart is their own", async () => {
      const ann = shopper();
      const bob = shopper();
      await ann.client.cart.add.mutate({ productId: APRON });
      expect((await bob.client.cart.get.query()).lines).toEqual([]);
    });

    it("refuses bad quantities with the field that was wrong, and a 100th of one product", async () => {
      const { client } = shopper();
      for (const quantity of [0, -1, 1.5, 100]) {
        const error = await failure(client.cart.add.mutate({ productId: APRON, quantity }));
        expect(error.data?.code, String(quantity)).toBe("BAD_REQUEST");
        expect(Object.keys(error.data?.fieldErrors ?? {})).toEqual(["quantity"]);
      }
      const badId = await failure(client.cart.add.mutate({ productId: "not-a-uuid" }));
      expect(Object.keys(badId.data?.fieldErrors ?? {})).toEqual(["productId"]);
      await client.cart.add.mutate({ productId: APRON, quantity: 99 });
      const tooMany = await failure(client.cart.add.mutate({ productId: APRON }));
      expect(tooMany.data?.fieldErrors?.quantity).toEqual(["At most 99 of one product"]);
      expect((await client.cart.get.query()).lines[0]?.quantity).toBe(99);
    });

    it("holds at most 50 products, even when 60 are added at once", async () => {
      const { client, userId } = shopper();
      // One client per call: one client would batch them into a single (too large) request.
      const outcomes = await Promise.allSettled(
        Array.from({ length: 60 }, () =>
          shopper(userId).client.cart.add.mutate({ productId: randomUUID() }),
        ),
      );
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(50);
      expect((await client.cart.get.query()).lines).toHaveLength(50);
    });

    it("a visitor has no cart: FORBIDDEN/UNAUTHORIZED, not a crash", async () => {
      const error = await failure(as({ role: "visitor" }).cart.get.query());
      expect(["UNAUTHORIZED", "FORBIDDEN"]).toContain(error.data?.code);
    });
  });

  describe("orders", () => {
    it("place takes the cart into an order (the cart empties); a retry with the key is that order", async () => {
      const { client, userId } = shopper();
      await client.cart.add.mutate({ productId: APRON, quantity: 2 });
      const k = key();
      const placed = await client.orders.place.mutate({
        idempotencyKey: k,
        names: { [APRON]: "Linen Apron" },
      });
      expect(placed.replayed).toBe(false);
      expect((await client.cart.get.query()).lines).toEqual([]);
      const again = await client.orders.place.mutate({ idempotencyKey: k });
      expect(again).toEqual({ orderId: placed.orderId, replayed: true });
      const order = await client.orders.get.query({ orderId: placed.orderId });
      expect(order).toMatchObject({
        id: placed.orderId,
        state: "PENDING",
        itemCount: 2,
        lines: [{ productId: APRON, name: "Linen Apron", quantity: 2 }],
      });
      expect(order.timeline.map((s) => [s.step, s.status])).toEqual([
        ["reserve-stock", "waiting"],
        ["use-coupon", "skipped"],
        ["pay", "waiting"],
      ]);
      expect(await t.db.order.count({ where: { userId } })).toBe(1);
    });

    it("an empty cart is refused before any saga starts", async () => {
      const { client, userId } = shopper();
      const error = await failure(client.orders.place.mutate({ idempotencyKey: key() }));
      expect(error.data?.code).toBe("BAD_REQUEST");
      expect(error.data?.fieldErrors?.lines).toEqual(["Your cart is empty"]);
      expect(await t.db.order.count({ where: { userId } })).toBe(0);
    });

    it("a bad idempotency key or coupon id is a 400 naming the field", async () => {
      const { client } = shopper();
      const badKey = await failure(client.orders.place.mutate({ idempotencyKey: "short" }));
      expect(Object.keys(badKey.data?.fieldErrors ?? {})).toEqual(["idempotencyKey"]);
      const badCoupon = await failure(
        client.orders.place.mutate({ idempotencyKey: key(), couponId: "nope" }),
      );
      expect(Object.keys(badCoupon.data?.fieldErrors ?? {})).toEqual(["couponId"]);
    });

    it("someone else's order is NOT_FOUND, like a missing one; mine lists only mine", async () => {
      const ann = shopper();
      const bob = shopper();
      await ann.client.cart.add.mutate({ productId: APRON });
      const { orderId } = await ann.client.orders.place.mutate({ idempotencyKey: key() });
      const error = await failure(bob.client.orders.get.query({ orderId }));
      expect(error.data?.code).toBe("NOT_FOUND");
      expect(await bob.client.orders.mine.query({})).toEqual({ orders: [], nextCursor: null });
      expect((await ann.client.orders.mine.query({})).orders.map((o) => o.id)).toEqual([orderId]);
    });

    it("a cancelled order says why, in a code and a sentence", async () => {
      const { client } = shopper();
      await client.cart.add.mutate({ productId: MUG, quantity: 4 });
      const { orderId } = await client.orders.place.mutate({
        idempotencyKey: key(),
        names: { [MUG]: "Stoneware Mug" },
      });
      await handleReply(
        deps,
        {
          type: "stock.rejected",
          orderId,
          reason: "OUT_OF_STOCK",
          productId: MUG,
          available: 3,
        },
        { consumer: "test", messageId: randomUUID() },
      );
      const order = await client.orders.get.query({ orderId });
      expect(order).toMatchObject({
        state: "CANCELLED",
        cancelReason: "OUT_OF_STOCK",
        cancelMessage: "Only 3 left of Stoneware Mug",
      });
      expect(order.timeline.map((s) => [s.step, s.status])).toEqual([
        ["reserve-stock", "failed"],
        ["use-coupon", "skipped"],
        ["pay", "skipped"],
      ]);
    });
  });

  describe("admin", () => {
    it("lists every order by state, and shows an order's whole saga log", async () => {
      const { client } = shopper();
      await client.cart.add.mutate({ productId: APRON });
      const { orderId } = await client.orders.place.mutate({ idempotencyKey: key() });
      const pending = await admin().admin.orders.list.query({ state: "PENDING" });
      expect(pending.orders.map((o) => o.id)).toContain(orderId);
      const cancelled = await admin().admin.orders.list.query({ state: "CANCELLED" });
      expect(cancelled.orders.map((o) => o.id)).not.toContain(orderId);
      const detail = await admin().admin.orders.get.query({ orderId });
      expect(detail.log.map((e) => [e.direction, e.type])).toEqual([
        ["status", "PENDING"],
        ["sent", "stock.reserve"],
      ]);
      expect(detail.saga.step).toBe("stock");
    });

    it("is for admins only: a shopper is FORBIDDEN", async () => {
      const { client } = shopper();
      expect((await failure(client.admin.orders.list.query({}))).data?.code).toBe("FORBIDDEN");
      const get = failure(client.admin.orders.get.query({ orderId: randomUUID() }));
      expect((await get).data?.code).toBe("FORBIDDEN");
    });

    it("pages with nextCursor: no order twice, none skipped, even among orders placed in one millisecond", async () => {
      const { userId, client } = shopper();
      const ids: string[] = [];
      for (let i = 0; i < 2; i += 1) {
        await client.cart.add.mutate({ productId: APRON });
        ids.push((await client.orders.place.mutate({ idempotencyKey: key() })).orderId);
      }
      // A burst placed in one millisecond (as under load), older than the two above.
      const burst = Array.from({ length: 6 }, () =>
        anOrder({ userId, placedAt: new Date(Date.now() - 60_000) }),
      );
      for (const o of burst) await deps.store.create(o, started(o));
      const expected = [
        ...ids.reverse(),
        ...burst
          .map((o) => ({ id: o.orderId, placedAt: o.placedAt }))
          .sort(newestFirst)
          .map((o) => o.id),
      ];

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.orders.mine.query({ limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.orders.map((o) => o.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor && seen.length < 100);
      expect(seen).toEqual(expected);

      // The admin's list pages the same way, with or without a state.
      for (const state of ["PENDING", undefined] as const) {
        const listed: string[] = [];
        let next: string | undefined;
        do {
          const page = await admin().admin.orders.list.query({
            limit: 4,
            ...(state ? { state } : {}),
            ...(next ? { cursor: next } : {}),
          });
          listed.push(...page.orders.map((o) => o.id));
          next = page.nextCursor ?? undefined;
        } while (next && listed.length < 1_000);
        expect(new Set(listed).size).toBe(listed.length);
        expect(listed.filter((id) => expected.includes(id))).toEqual(expected);
      }
    });

    it("a cursor that is not one is a 400 saying so, and so is the old placedAt `before`", async () => {
      const { client } = shopper();
      for (const cursor of ["nope", new Date().toISOString(), "A".repeat(5_000)]) {
        const error = await failure(client.orders.mine.query({ cursor }));
        expect(error.data?.code).toBe("BAD_REQUEST");
        expect(error.data?.fieldErrors).toEqual({ cursor: ["Not a valid cursor"] });
        const listed = await failure(admin().admin.orders.list.query({ cursor }));
        expect(listed.data?.fieldErrors).toEqual({ cursor: ["Not a valid cursor"] });
      }
      const old = await failure(
        // @ts-expect-error -- an outdated client's input
        client.orders.mine.query({ before: new Date().toISOString() }),
      );
      expect(old.data?.code).toBe("BAD_REQUEST");
      expect(Object.keys(old.data?.fieldErrors ?? {})).toEqual(["before"]);
    });
  });

  describe("after the sale", () => {
    /** A shopper's order, completed at $12.00 for 2 aprons and $3.00 for a mug. */
    async function completedOrder() {
      const me = shopper();
      await me.client.cart.add.mutate({ productId: APRON, quantity: 2 });
      await me.client.cart.add.mutate({ productId: MUG, quantity: 1 });
      const { orderId } = await me.client.orders.place.mutate({ idempotencyKey: key() });
      const received = () => ({ consumer: "test", messageId: randomUUID() });
      await handleReply(
        deps,
        {
          type: "stock.reserved",
          orderId,
          lines: [
            { productId: APRON, quantity: 2, unitPriceCents: 1_200, name: "Linen Apron" },
            { productId: MUG, quantity: 1, unitPriceCents: 300, name: "Stoneware Mug" },
          ],
        },
        received(),
      );
      await handleReply(deps, { type: "payment.paid", orderId, amountCents: 2_700 }, received());
      return { ...me, orderId };
    }

    it("ships, delivers and refunds a line; the order shows its fulfilment and money trail", async () => {
      const { client, orderId } = await completedOrder();
      const shipped = await admin().admin.orders.ship.mutate({
        orderId,
        carrier: "  Royal Mail ",
        tracking: "RM123",
      });
      expect(shipped).toMatchObject({
        state: "SHIPPED",
        fulfilment: { carrier: "Royal Mail", tracking: "RM123", deliveredAt: null },
      });
      const delivered = await admin().admin.orders.deliver.mutate({ orderId });
      expect(delivered.state).toBe("DELIVERED");
      const refund = await admin().admin.orders.refund.mutate({
        orderId,
        lines: [{ productId: APRON, quantity: 1 }],
        restock: true,
        reason: "Arrived torn",
      });
      expect(refund.amountCents).toBe(1_200);
      const mine = await client.orders.get.query({ orderId });
      expect(mine.refunds).toMatchObject([
        {
          id: refund.refundId,
          kind: "refund",
          state: "PENDING",
          amountCents: 1_200,
          restock: true,
        },
      ]);
      expect(mine.timeline.slice(-2).map((s) => [s.step, s.status])).toEqual([
        ["ship", "done"],
        ["deliver", "done"],
      ]);
      const states = await admin().admin.orders.states.query({ orderIds: [orderId, randomUUID()] });
      expect(states.map((s) => [s.id, s.state])).toEqual([[orderId, "DELIVERED"]]);
      const listed = await admin().admin.orders.list.query({ state: "DELIVERED" });
      expect(listed.orders.map((o) => o.id)).toContain(orderId);
    });

    it("the shopper cancels: idempotent, their own order only, refused once shipped", async () => {
      const { client, orderId } = await completedOrder();
      const first = await client.orders.cancel.mutate({ orderId });
      const second = await client.orders.cancel.mutate({ orderId });
      expect([first.state, second.state]).toEqual(["CANCELLING", "CANCELLING"]);
      expect(second.refunds).toHaveLength(1);
      const other = await failure(shopper().client.orders.cancel.mutate({ orderId }));
      expect(other.data?.code).toBe("NOT_FOUND");
      const shippedOne = await completedOrder();
      await admin().admin.orders.ship.mutate({ orderId: shippedOne.orderId });
      const late = await failure(
        shippedOne.client.orders.cancel.mutate({ orderId: shippedOne.orderId }),
      );
      expect([late.data?.code, late.data?.errorCode]).toEqual([
        "CONFLICT",
        "ORDER_NOT_CANCELLABLE",
      ]);
    });

    it("bad refunds are 4xx naming what was wrong; a shopper may not call them", async () => {
      const { client, orderId } = await completedOrder();
      const refund = (input: object) =>
        failure(
          admin().admin.orders.refund.mutate({
            orderId,
            restock: false,
            reason: "x",
            ...input,
          } as never),
        );
      const tooMany = await refund({ lines: [{ productId: APRON, quantity: 3 }] });
      expect([tooMany.data?.code, tooMany.data?.fieldErrors]).toEqual([
        "BAD_REQUEST",
        { "lines.0.quantity": ["Only 2 of 2 Linen Apron left to refund"] },
      ]);
      const notOnIt = await refund({ lines: [{ productId: randomUUID(), quantity: 1 }] });
      expect(notOnIt.data?.fieldErrors).toEqual({
        "lines.0.productId": ["This product is not on the order"],
      });
      for (const quantity of [0, -1, 1.5]) {
        const bad = await refund({ lines: [{ productId: APRON, quantity }] });
        expect(bad.data?.code).toBe("BAD_REQUEST");
        expect(Object.keys(bad.data?.fieldErrors ?? {})).toEqual(["lines.0.quantity"]);
      }
      const noReason = await refund({ reason: "  " });
      expect(Object.keys(noReason.data?.fieldErrors ?? {})).toEqual(["reason"]);
      const forbidden = await failure(
        client.admin.orders.refund.mutate({ orderId, restock: false, reason: "mine" }),
      );
      expect(forbidden.data?.code).toBe("FORBIDDEN");
      expect((await failure(client.admin.orders.ship.mutate({ orderId }))).data?.code).toBe(
        "FORBIDDEN",
      );
      const notShipped = await failure(admin().admin.orders.deliver.mutate({ orderId }));
      expect([notShipped.data?.code, notShipped.data?.errorCode]).toEqual([
        "CONFLICT",
        "ORDER_STATE_CONFLICT",
      ]);
      expect((await client.orders.get.query({ orderId })).refunds).toEqual([]);
    });
  });
});
