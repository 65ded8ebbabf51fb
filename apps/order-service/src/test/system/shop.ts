import { randomBytes, randomUUID } from "node:crypto";
import {
  envelopeSchema,
  type Actor,
  type Discount,
  type Envelope,
  type MessageDefinition,
} from "@shop/contracts";
import { ack, queue, RabbitTransport, type Subscription } from "@shop/messaging";
import { createLogger } from "@shop/service-kit/logger";
import { placeOrder } from "../../application/place-order";
import { orderDeps } from "../../deps";
import type { OrderStatus } from "../../domain/saga";
import { NoBrokerError, type Stack } from "./stack";

/*
 * What a system test (or the benchmark) does to a running stack, through the services' own
 * APIs as the BFF would: products and stock (product-service admin API), wallets (payment-
 * service, as each shopper), coupon campaigns and claims (coupon-service); orders placed with
 * order-service's placeOrder use case on the database its processes use (their relays publish
 * the first command). Readers for assertions use plain SQL on each service's database.
 */

export const ADMIN: Actor = { role: "admin", userId: "00000000-0000-4000-8000-00000000ad01" };
export const shopper = (userId: string): Actor => ({ role: "shopper", userId });

const CATEGORY = "system-test";

/** Products (admin API) with a price and stock; the test category is made once per database. */
export async function createProduct(
  stack: Stack,
  product: { priceCents: number; stock: number; name?: string },
) {
  await stack
    .sql("product-service")
    .query(
      "INSERT INTO category (slug, name) VALUES ($1, 'System test') ON CONFLICT (slug) DO NOTHING",
      [CATEGORY],
    );
  const name = product.name ?? `Item ${randomBytes(4).toString("hex")}`;
  const created = await stack.client("product-service", ADMIN).products.create.mutate({
    name,
    slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomBytes(3).toString("hex")}`,
    categorySlug: CATEGORY,
    priceCents: product.priceCents,
    stock: product.stock,
  });
  return { id: created.id, name: created.name, priceCents: created.priceCents };
}

/** A new shopper whose wallet holds `cents` (charged through the API as that shopper). */
export async function newShopper(stack: Stack, cents: number): Promise<string> {
  const userId = randomUUID();
  const wallet = stack.client("payment-service", shopper(userId)).wallet;
  // One charge adds at most $1,000.00 (MAX_CHARGE_CENTS).
  for (let left = cents; left > 0; left -= 100_000)
    await wallet.charge.mutate({
      amountCents: Math.min(left, 100_000),
      idempotencyKey: randomUUID(),
    });
  return userId;
}

/** A campaign (admin API), open from a minute ago for a day. */
export async function createCampaign(
  stack: Stack,
  campaign: { discount: Discount; quantity?: number; minOrderCents?: number },
) {
  const now = Date.now();
  const created = await stack.client("coupon-service", ADMIN).admin.campaigns.create.mutate({
    name: `Campaign ${randomBytes(4).toString("hex")}`,
    discount: campaign.discount,
    quantity: campaign.quantity ?? 1_000,
    minOrderCents: campaign.minOrderCents ?? 0,
    validFrom: new Date(now - 60_000).toISOString(),
    validTo: new Date(now + 86_400_000).toISOString(),
  });
  return created.id;
}

/** Claims a coupon of the campaign as the shopper; its id. */
export async function claimCoupon(stack: Stack, userId: string, campaignId: string) {
  const coupon = await stack
    .client("coupon-service", shopper(userId))
    .campaigns.claim.mutate({ campaignId });
  return coupon.id;
}

/**
 * Places an order as order-service's API will: the use case, on the database the stack's
 * order-service processes use (their relays publish its first command). `stepTimeoutMs` is
 * stored in the order's saga (default 30 s; the processes' SAGA_STEP_TIMEOUT_MS applies only to
 * orders they place themselves). `orderId`: the id the new order gets (default random), so a
 * test can watch its messages from the first one.
 */
export async function place(
  stack: Stack,
  order: {
    userId: string;
    lines: { productId: string; quantity: number }[];
    couponId?: string | null;
    stepTimeoutMs?: number;
    orderId?: string;
  },
): Promise<string> {
  const deps = orderDeps(stack.orderDb, { stepTimeoutMs: order.stepTimeoutMs ?? 30_000 });
  const orderId = order.orderId;
  const placed = await placeOrder(orderId ? { ...deps, ids: { next: () => orderId } } : deps, {
    userId: order.userId,
    idempotencyKey: randomUUID(),
    couponId: order.couponId ?? null,
    lines: order.lines,
  });
  if (!placed.ok) throw new Error(`order refused: ${JSON.stringify(placed.error)}`);
  return placed.value.orderId;
}

/**
 * `work` over `items` with at most `limit` running at once; results in item order. A burst
 * beyond what a pool can start within Prisma's 2 s transaction wait fails (P2028) instead of
 * queueing, so callers placing hundreds of orders bound how many are in flight.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------------
// Readers (plain SQL on each service's database)
// ---------------------------------------------------------------------------------------------

export interface OrderRow {
  id: string;
  userId: string;
  status: OrderStatus;
  couponId: string | null;
  subtotalCents: number | null;
  discountCents: number;
  totalCents: number | null;
  reasonCode: string | null;
  reasonMessage: string | null;
}

export async function orders(stack: Stack, ids: readonly string[]): Promise<OrderRow[]> {
  const { rows } = await stack.sql("order-service").query<OrderRow>(
    `SELECT id, user_id AS "userId", status, coupon_id AS "couponId",
            subtotal_cents AS "subtotalCents", discount_cents AS "discountCents",
            total_cents AS "totalCents", reason_code AS "reasonCode",
            reason_message AS "reasonMessage"
       FROM orders WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows;
}

export async function order(stack: Stack, id: string): Promise<OrderRow> {
  const [row] = await orders(stack, [id]);
  if (!row) throw new Error(`no order ${id}`);
  return row;
}

const TERMINAL = new Set<OrderStatus>(["COMPLETED", "CANCELLED"]);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until every order is in a terminal status (or `until` holds for each), then answers
 * them; throws after `timeoutMs` naming the orders still waiting and their status.
 */
export async function settled(
  stack: Stack,
  ids: readonly string[],
  options: { timeoutMs?: number; until?: (o: OrderRow) => boolean } = {},
): Promise<OrderRow[]> {
  const done = options.until ?? ((o: OrderRow) => TERMINAL.has(o.status));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const rows = await orders(stack, ids);
    const waiting = rows.filter((o) => !done(o));
    if (rows.length === ids.length && waiting.length === 0) {
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id)!);
    }
    if (Date.now() > deadline) {
      const sample = waiting.slice(0, 10).map((o) => `${o.id} ${o.status}`);
      throw new Error(
        `${waiting.length + ids.length - rows.length} of ${ids.length} orders not settled after ${
          options.timeoutMs ?? 30_000
        } ms: ${sample.join(", ")}`,
      );
    }
    await delay(100);
  }
}

/** Polls `check` until it returns a value other than undefined (bounded). */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await delay(100);
  }
}

/** The saga's log as stored: kind (command, reply, status, deadline), type, attempt. */
export async function sagaLog(stack: Stack, orderId: string) {
  const { rows } = await stack
    .sql("order-service")
    .query<{ kind: string; type: string; attempt: number | null; detail: string | null }>(
      "SELECT kind, type, attempt, detail FROM saga_log WHERE order_id = $1 ORDER BY id",
      [orderId],
    );
  return rows;
}

/** The commands the saga sent, in order ("payment.refund" once per attempt). */
export async function commandsSent(stack: Stack, orderId: string): Promise<string[]> {
  return (await sagaLog(stack, orderId)).filter((e) => e.kind === "command").map((e) => e.type);
}

export async function stockOf(stack: Stack, productId: string): Promise<number> {
  const { rows } = await stack
    .sql("product-service")
    .query<{ stock: number }>("SELECT stock FROM product WHERE id = $1", [productId]);
  if (!rows[0]) throw new Error(`no product ${productId}`);
  return rows[0].stock;
}

/**
 * product-service's record of each order (reserved, released, rejected) and how many items it
 * took, by order id order. A released order keeps its reservation rows (what it gave back).
 */
export async function reservations(stack: Stack, orderIds: readonly string[]) {
  const { rows } = await stack.sql("product-service").query<{
    orderId: string;
    state: "reserved" | "released" | "rejected";
    quantity: number;
  }>(
    `SELECT o.order_id AS "orderId", o.state::text AS state,
            coalesce(sum(r.quantity), 0)::int AS quantity
       FROM order_stock o LEFT JOIN stock_reservation r ON r.order_id = o.order_id
      WHERE o.order_id = ANY($1::uuid[])
      GROUP BY o.order_id, o.state`,
    [orderIds],
  );
  const byId = new Map(rows.map((r) => [r.orderId, r]));
  return orderIds.map((id) => byId.get(id));
}

/** Balances by user (0 for a user without a wallet). */
export async function balances(stack: Stack, userIds: readonly string[]) {
  const { rows } = await stack
    .sql("payment-service")
    .query<{ userId: string; balanceCents: number }>(
      `SELECT user_id AS "userId", balance_cents AS "balanceCents" FROM wallet
        WHERE user_id = ANY($1::uuid[])`,
      [userIds],
    );
  const byUser = new Map(rows.map((r) => [r.userId, r.balanceCents]));
  return new Map(userIds.map((u) => [u, byUser.get(u) ?? 0]));
}

/** The shopper's balance, read through payment-service's API as the shopper. */
export async function balanceOf(stack: Stack, userId: string): Promise<number> {
  const wallet = await stack.client("payment-service", shopper(userId)).wallet.balance.query();
  return wallet.balanceCents;
}

/** The ledger entries of orders (payments and refunds), oldest first. */
export async function ledgerFor(stack: Stack, orderIds: readonly string[]) {
  const { rows } = await stack.sql("payment-service").query<{
    orderId: string;
    kind: "payment" | "refund";
    amountCents: number;
  }>(
    `SELECT order_id AS "orderId", kind, amount_cents AS "amountCents" FROM ledger_entry
      WHERE order_id = ANY($1::uuid[]) ORDER BY user_id, seq`,
    [orderIds],
  );
  return rows;
}

/** A coupon's status as its owner sees it through coupon-service's API. */
export async function couponStatus(stack: Stack, userId: string, couponId: string) {
  const mine = await stack.client("coupon-service", shopper(userId)).coupons.mine.query();
  const coupon = mine.find((c) => c.id === couponId);
  if (!coupon) throw new Error(`${userId} has no coupon ${couponId}`);
  return coupon.status;
}

/** The order each coupon is on (null: free to use). */
export async function couponsUsedBy(stack: Stack, couponIds: readonly string[]) {
  const { rows } = await stack
    .sql("coupon-service")
    .query<{ id: string; usedOrderId: string | null }>(
      `SELECT id, used_order_id AS "usedOrderId" FROM coupon WHERE id = ANY($1::uuid[])`,
      [couponIds],
    );
  return new Map(rows.map((r) => [r.id, r.usedOrderId]));
}

/**
 * The order.completed events product-service's projector consumed (its event history: one per
 * order, whatever the copies), oldest first. What reached a consumer, read without a broker.
 */
export async function projectedCompletions(stack: Stack): Promise<Envelope[]> {
  const { rows } = await stack
    .sql("product-service")
    .query<{ message: unknown }>(
      "SELECT message FROM event_history WHERE type = 'order.completed' ORDER BY seq",
    );
  return rows.map((r) => envelopeSchema.parse(r.message));
}

// ---------------------------------------------------------------------------------------------
// Watching (and meddling with) the messages on the stack's broker
// ---------------------------------------------------------------------------------------------

const quiet = createLogger("system-test", process.env.LOG_LEVEL ?? "silent");
let taps = 0;

export interface Tap {
  /** Every message the tap's queue received, decoded, in arrival order. */
  readonly received: Envelope[];
  /** Publishes envelopes on the stack's exchange, as a service's relay would. */
  publish(envelopes: readonly Envelope[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * A queue of the test's own in the stack's vhost, bound to `definitions`: it gets a copy of each
 * such message (the services' queues get theirs as usual). `onMessage` runs for each, in turn.
 * RabbitMQ stacks only (NoBrokerError): a memory stack's messages never leave its host process.
 */
export async function tap(
  stack: Stack,
  definitions: readonly MessageDefinition[],
  onMessage?: (message: Envelope, tap: Tap) => Promise<void>,
): Promise<Tap> {
  if (stack.rabbitUrl === undefined) throw new NoBrokerError("A tap on the stack's messages");
  const transport = new RabbitTransport({
    url: stack.rabbitUrl,
    log: quiet,
    connectionName: "system-test",
    retryLow: 50,
    retryHigh: 500,
  });
  const received: Envelope[] = [];
  const q = queue(`system-test.tap-${++taps}`, { bindings: definitions });
  const self: Tap = {
    received,
    publish: (envelopes) => transport.publish(envelopes),
    close: async () => {
      await subscription?.close();
      await transport.close();
    },
  };
  let subscription: Subscription | undefined;
  try {
    subscription = await transport.consume(
      q,
      async (delivery) => {
        const message = envelopeSchema.parse(JSON.parse(delivery.body.toString("utf8")));
        received.push(message);
        await onMessage?.(message, self);
        return ack;
      },
      { prefetch: 1 },
    );
  } catch (err) {
    await transport.close().catch(() => undefined);
    throw err;
  }
  return self;
}
