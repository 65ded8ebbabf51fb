import { expect, it } from "vitest";
import { countBy, report, sum, describeOn, useSagaStack, type CompletedEvents } from "./saga-suite";
import {
  balances,
  claimCoupon,
  couponsUsedBy,
  createCampaign,
  createProduct,
  eventually,
  ledgerFor,
  mapConcurrently,
  newShopper,
  orders,
  place,
  reservations,
  sagaLog,
  settled,
  stockOf,
  type OrderRow,
} from "./shop";
import type { Stack, StackTransport } from "./stack";

/*
 * The checkout saga when the orchestrator dies, on either transport: on RabbitMQ
 * (resilience-orchestrator.int.test.ts) two instances each of product-, coupon-, payment- and
 * order-service as real processes, both order-service instances killed (SIGKILL); embedded
 * (resilience-embedded.int.test.ts) the one host process, so every service dies with the
 * orchestrator and what was only in its in-memory queues is gone: the outboxes must bring it
 * back. Restarted at once, or only after the steps' deadlines.
 */

const TERMINAL = new Set(["COMPLETED", "CANCELLED"]);
/** The long-outage test: steps time out after STEP_MS; the orchestrator is away AWAY_MS. */
const STEP_MS = 3_000;
const AWAY_MS = 8_000;
/** The kill test's coupons' discount. */
const DISCOUNT_CENTS = 200;

/** The scenarios, on a stack of `transport` of the calling file's own. */
export function orchestratorSuite(transport: StackTransport) {
  const t = useSagaStack(transport);
  /** Who dies: on RabbitMQ both order-service instances, embedded the whole host. */
  const killed =
    transport === "rabbitmq" ? "the orchestrator (both instances)" : "the embedded host";

  describeOn(transport)(`checkout saga when the orchestrator dies (${transport})`, () => {
    it(`${killed} killed mid-saga (SIGKILL) and restarted: every order ends, and stock, wallets and coupons match the COMPLETED orders only`, async () => {
      const { stack, completed } = t;
      const scarce = await createProduct(stack, { priceCents: 700, stock: 25 });
      const plenty = await createProduct(stack, { priceCents: 300, stock: 1_000 });
      const campaign = await createCampaign(stack, {
        discount: { kind: "fixed", amountOffCents: DISCOUNT_CENTS },
      });
      // 60 shoppers: every fourth cannot pay, every other one holds a coupon, and the scarce
      // product is asked for more than twice over.
      const shoppers = await mapConcurrently(
        Array.from({ length: 60 }, (_, i) => i),
        10,
        async (i) => {
          const charged = i % 4 === 3 ? 500 : 10_000;
          const userId = await newShopper(stack, charged);
          const couponId = i % 2 === 0 ? await claimCoupon(stack, userId, campaign) : null;
          const lines =
            i % 3 === 0
              ? [
                  { productId: scarce.id, quantity: 2 },
                  { productId: plenty.id, quantity: 1 },
                ]
              : i % 3 === 1
                ? [{ productId: scarce.id, quantity: 1 }]
                : [{ productId: plenty.id, quantity: 3 }];
          return { userId, charged, couponId, lines };
        },
      );
      const stockBefore = {
        [scarce.id]: await stockOf(stack, scarce.id),
        [plenty.id]: await stockOf(stack, plenty.id),
      };
      const placeFor = (s: (typeof shoppers)[number]) =>
        place(stack, { userId: s.userId, lines: s.lines, couponId: s.couponId });

      const first = await mapConcurrently(shoppers.slice(0, 40), 12, placeFor);
      // Killed once the first order completed: replies, compensations and order.completed events
      // are then in flight at once, not only the first commands.
      await eventually(
        "an order completed",
        async () => (await orders(stack, first)).some((o) => o.status === "COMPLETED") || undefined,
      );
      await stack.killAll("order-service", "SIGKILL");
      const atKill = await orders(stack, first);
      const inFlight = atKill.filter((o) => !TERMINAL.has(o.status)).length;
      // Placed while no orchestrator runs: they wait in the outbox.
      const second = await mapConcurrently(shoppers.slice(40), 12, placeFor);
      await stack.startAll("order-service");

      const ids = [...first, ...second];
      const all = await settled(stack, ids, { timeoutMs: 60_000 });
      const byReason = countBy(all, (o) => `${o.status}${o.reasonCode ? ` ${o.reasonCode}` : ""}`);
      report(
        `${transport}: ${killed} killed: ${inFlight} of 40 sagas in flight at the kill (${JSON.stringify(countBy(atKill, (o) => o.status))}); outcomes ${JSON.stringify(byReason)}`,
      );
      expect(inFlight).toBeGreaterThan(0);
      const world = {
        products: [scarce, plenty],
        stockBefore,
        shoppers,
        discountCents: DISCOUNT_CENTS,
      };
      await expectBooksBalance(stack, completed, world, all);
    }, 180_000);

    it(`${killed} away longer than a step's deadline (SIGKILL, 3 s deadlines, 8 s away): every order that could complete completes; none is cancelled for the time it was away`, async () => {
      const { stack } = t;
      const product = await createProduct(stack, { priceCents: 400, stock: 1_000 });
      const shoppers = await mapConcurrently(
        Array.from({ length: 40 }, (_, i) => i),
        10,
        () => newShopper(stack, 10_000),
      );
      const placeFor = (userId: string) =>
        place(stack, {
          userId,
          lines: [{ productId: product.id, quantity: 2 }],
          stepTimeoutMs: STEP_MS,
        });

      const first = await mapConcurrently(shoppers.slice(0, 30), 10, placeFor);
      await eventually(
        "some sagas under way",
        async () => (await orders(stack, first)).some((o) => o.status !== "PENDING") || undefined,
      );
      await stack.killAll("order-service", "SIGKILL");
      const inFlight = (await orders(stack, first)).filter((o) => !TERMINAL.has(o.status)).length;
      // Placed while no orchestrator runs: their first command waits in the outbox.
      const second = await mapConcurrently(shoppers.slice(30), 10, placeFor);
      // Away well past every deadline. On RabbitMQ the participants' replies wait in the queue
      // meanwhile; embedded, the participants are gone too, and their replies wait in their outboxes.
      await new Promise((resolve) => setTimeout(resolve, AWAY_MS));
      await stack.startAll("order-service");

      const ids = [...first, ...second];
      const all = await settled(stack, ids, { timeoutMs: 60_000 });
      const byOutcome = countBy(all, (o) => `${o.status}${o.reasonCode ? ` ${o.reasonCode}` : ""}`);
      const logs = await Promise.all(ids.map((id) => sagaLog(stack, id)));
      const resumed = logs.filter((log) => log.some((e) => e.kind === "resume")).length;
      report(
        `${transport}: ${killed} away ${AWAY_MS / 1000} s with ${STEP_MS / 1000} s deadlines: ${inFlight} of 30 in flight at the kill, 10 placed while away; ${resumed} resumed; outcomes ${JSON.stringify(byOutcome)}`,
      );
      expect(inFlight).toBeGreaterThan(0);
      expect(byOutcome).toEqual({ COMPLETED: 40 });
      // Each paid once, and the stock taken once per order, whatever was asked again.
      const ledger = await ledgerFor(stack, ids);
      expect(ledger.map((e) => e.kind)).toEqual(ids.map(() => "payment"));
      expect(-sum(ledger.map((e) => e.amountCents))).toBe(40 * 800);
      expect(await stockOf(stack, product.id)).toBe(1_000 - 40 * 2);
      // No step was given up on: the time away was not held against a participant.
      expect(logs.flat().filter((e) => e.kind === "deadline")).toEqual([]);
    }, 180_000);
  });
}

interface Shopper {
  userId: string;
  charged: number;
  couponId: string | null;
  lines: { productId: string; quantity: number }[];
}

/**
 * Every order ended as its COMPLETED or CANCELLED says, exactly: stock taken only by the
 * completed orders (and product-service's reservations match), each completed order paid its
 * total once and a cancelled one nets zero, coupons on completed orders only, and
 * order.completed seen for every completed order and no other. `all[i]` is `shoppers[i]`'s order.
 */
async function expectBooksBalance(
  stack: Stack,
  completed: CompletedEvents,
  world: {
    products: readonly { id: string; name: string }[];
    stockBefore: Readonly<Record<string, number>>;
    shoppers: readonly Shopper[];
    /** What a coupon takes off an order. */
    discountCents: number;
  },
  all: readonly OrderRow[],
) {
  const { products, stockBefore, shoppers, discountCents } = world;
  const ids = all.map((o) => o.id);
  const isCompleted = new Map(all.map((o) => [o.id, o.status === "COMPLETED"]));
  const done = all.filter((o) => o.status === "COMPLETED");
  expect(done.length).toBeGreaterThan(0);
  expect(done.length).toBeLessThan(all.length);

  // Stock: what the completed orders took, nothing else; product-service holds a
  // reservation for exactly the completed orders.
  for (const product of products) {
    const taken = sum(
      shoppers.flatMap((s, i) =>
        isCompleted.get(ids[i]!)
          ? s.lines.filter((l) => l.productId === product.id).map((l) => l.quantity)
          : [],
      ),
    );
    expect(await stockOf(stack, product.id), product.name).toBe(stockBefore[product.id]! - taken);
  }
  const records = await reservations(stack, ids);
  ids.forEach((id, i) =>
    expect(records[i]?.state === "reserved", `order ${id}`).toBe(isCompleted.get(id)),
  );

  // Money: each completed order paid its total once; a cancelled one nets zero.
  const ledger = await ledgerFor(stack, ids);
  for (const o of all) {
    const net = sum(ledger.filter((e) => e.orderId === o.id).map((e) => e.amountCents));
    expect(net, `order ${o.id} ${o.status}`).toBe(o.status === "COMPLETED" ? -o.totalCents! : 0);
  }
  const wallets = await balances(
    stack,
    shoppers.map((s) => s.userId),
  );
  shoppers.forEach((s, i) => {
    const o = all[i]!;
    const spent = o.status === "COMPLETED" ? o.totalCents! : 0;
    expect(wallets.get(s.userId), `shopper of ${o.id}`).toBe(s.charged - spent);
    if (o.status === "COMPLETED")
      expect(o.totalCents).toBe(o.subtotalCents! - (s.couponId ? discountCents : 0));
  });

  // Coupons: on the completed orders, free otherwise.
  const withCoupon = shoppers.flatMap((s, i) => (s.couponId ? [{ s, id: ids[i]! }] : []));
  const used = await couponsUsedBy(
    stack,
    withCoupon.map((c) => c.s.couponId!),
  );
  for (const { s, id } of withCoupon)
    expect(used.get(s.couponId!), `coupon of ${id}`).toBe(isCompleted.get(id) ? id : null);

  // order.completed for each completed order (at least once: a relay killed between the
  // publish and its commit publishes again), and for no other.
  await eventually("order.completed for every completed order", async () => {
    const seen = new Set((await completed.seen()).map((m) => m.correlationId));
    return done.every((o) => seen.has(o.id)) || undefined;
  });
  const cancelled = new Set(all.filter((o) => o.status === "CANCELLED").map((o) => o.id));
  expect((await completed.seen()).filter((m) => cancelled.has(m.correlationId))).toEqual([]);
}
