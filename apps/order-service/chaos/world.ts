import { TRPCClientError } from "@trpc/client";
import {
  claimCoupon,
  createCampaign,
  createProduct,
  mapConcurrently,
  newShopper,
  shopper,
} from "../src/test/system/shop";
import type { Stack } from "../src/test/system/stack";
import type { Random } from "./prng";

/*
 * What the shoppers find and do, all decided by the seed: a small catalog with scarce stock
 * (about half of what the checkouts ask for), wallets holding less than their owners would
 * spend, two coupon campaigns with fewer coupons than shoppers; then each shopper's checkouts at
 * seeded times (a third of them in four flash-sale bursts, where they race for the same items),
 * each the BFF's path: the cart set through order-service's API, then orders.place with an
 * idempotency key. A call cut off by a kill is sent again with the same key (a retried place is
 * the same order), as the BFF's client would.
 */

export interface World {
  readonly products: { id: string; priceCents: number; initialStock: number }[];
  readonly shoppers: { userId: string; chargedCents: number; couponId: string | null }[];
  readonly campaigns: { id: string; quantity: number }[];
}

export interface Checkout {
  readonly shopper: number;
  /** Ms from the start of the fault window. */
  readonly at: number;
  readonly lines: { product: number; quantity: number }[];
  /** Whether the shopper tries their coupon (if they have one they think unused). */
  readonly wantsCoupon: boolean;
  /** A coupon already used offered again (a stale tab): the coupon step must refuse it. */
  readonly reusesCoupon: boolean;
  readonly idempotencyKey: string;
}

const PRODUCTS = 12;

export async function buildWorld(
  stack: Stack,
  random: Random,
  shape: { checkouts: number; shoppers: number },
): Promise<World> {
  // About 2.5 units a checkout spread over the catalog; each product holds 30-70 % of its share.
  const demandPerProduct = (shape.checkouts * 2.5) / PRODUCTS;
  const specs = Array.from({ length: PRODUCTS }, () => ({
    priceCents: random.int(5, 80) * 100 + random.pick([0, 50, 99]),
    stock: Math.max(1, Math.round(demandPerProduct * (0.3 + 0.4 * random.next()))),
  }));
  const products = await mapConcurrently(specs, 4, async (spec) => {
    const made = await createProduct(stack, spec);
    return { id: made.id, priceCents: made.priceCents, initialStock: spec.stock };
  });
  // A checkout costs about $100; five of them about $500; wallets hold $50-$400.
  const charges = Array.from({ length: shape.shoppers }, () => random.int(50, 400) * 100);
  const userIds = await mapConcurrently(charges, 16, (cents) => newShopper(stack, cents));
  const campaigns = [
    {
      quantity: Math.ceil(shape.shoppers * 0.4),
      id: await createCampaign(stack, {
        discount: { kind: "fixed", amountOffCents: 500 },
        quantity: Math.ceil(shape.shoppers * 0.4),
      }),
    },
    {
      quantity: Math.ceil(shape.shoppers * 0.3),
      id: await createCampaign(stack, {
        discount: { kind: "percent", percentOff: 10, maxDiscountCents: 2_000 },
        quantity: Math.ceil(shape.shoppers * 0.3),
        minOrderCents: 2_000,
      }),
    },
  ];
  // Every shopper tries to claim one coupon of a campaign; about a third find it sold out.
  const choices = userIds.map(() => random.pick(campaigns).id);
  const coupons = await mapConcurrently(userIds, 16, async (userId, i) => {
    try {
      return await untilAnswered(() => claimCoupon(stack, userId, choices[i]!));
    } catch (err) {
      if (answered(err)) return null; // sold out: a business answer
      throw err;
    }
  });
  return {
    products,
    campaigns,
    shoppers: userIds.map((userId, i) => ({
      userId,
      chargedCents: charges[i]!,
      couponId: coupons[i] ?? null,
    })),
  };
}

/** Every checkout of the run, in start order. */
export function planCheckouts(
  random: Random,
  shape: { checkouts: number; shoppers: number; seconds: number },
): Checkout[] {
  const windowMs = shape.seconds * 1_000;
  const bursts = Array.from({ length: 4 }, () => random.int(0.05 * windowMs, 0.85 * windowMs));
  const hex = () =>
    Array.from({ length: 32 }, () => "0123456789abcdef"[random.int(0, 15)]).join("");
  const owners = [
    ...Array.from({ length: shape.shoppers }, (_, i) => i),
    ...Array.from({ length: shape.checkouts - shape.shoppers }, () =>
      random.int(0, shape.shoppers - 1),
    ),
  ];
  return owners
    .map((owner): Checkout => {
      const at = random.chance(0.33)
        ? Math.max(0, random.pick(bursts) + random.int(-1_000, 1_000))
        : random.int(0, windowMs * 0.95);
      const products = random.shuffle(Array.from({ length: PRODUCTS }, (_, i) => i));
      return {
        shopper: owner,
        at,
        lines: products
          .slice(0, random.int(1, 3))
          .map((product) => ({ product, quantity: random.int(1, 2) })),
        wantsCoupon: random.chance(0.7),
        reusesCoupon: random.chance(0.05),
        idempotencyKey: hex(),
      };
    })
    .sort((a, b) => a.at - b.at);
}

/** A service's own refusal (a tRPC error below 500), not a call cut off or a server failing. */
export function answered(err: unknown): err is TRPCClientError<never> {
  const status =
    err instanceof TRPCClientError
      ? (err.data as { httpStatus?: number } | undefined)?.httpStatus
      : undefined;
  return status !== undefined && status < 500;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A call to a service that may be mid-kill: sent again until it is answered, for at most
 * `withinMs`. An answer of the service's own (a tRPC error with a code below 500: a business
 * refusal, a validation error) is the answer and is not repeated.
 */
export async function untilAnswered<T>(call: () => Promise<T>, withinMs = 90_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (err) {
      if (answered(err) || Date.now() > deadline) throw err;
      await delay(Math.min(2_000, 100 * attempt));
    }
  }
}

export interface Placed {
  readonly orderId: string;
  readonly shopper: number;
  readonly couponId: string | null;
}

export interface WorkloadResult {
  readonly placed: Placed[];
  /** Checkouts the order service refused before an order (a business answer), by its message. */
  readonly refused: Map<string, number>;
  /** Places never answered within 90 s of retrying (the API down): each a failure of the run. */
  readonly unanswered: number;
}

/**
 * Runs the checkouts: each shopper's in turn (a shopper has one cart), each started at its
 * time or when the shopper's previous one is over. `settledOrder` resolves when an order is
 * terminal (the caller's poller), so a shopper knows whether their coupon is now used.
 */
export async function runCheckouts(
  stack: Stack,
  world: World,
  checkouts: readonly Checkout[],
  startedAt: number,
  settledOrder: (orderId: string) => Promise<string>,
  /** Told of each order as it is placed, with the promise of its settling (after-sale.ts). */
  onPlaced?: (checkout: Checkout, placed: Placed, settled: Promise<string>) => void,
): Promise<WorkloadResult> {
  const placed: Placed[] = [];
  const refused = new Map<string, number>();
  let unanswered = 0;
  const byShopper = new Map<number, Checkout[]>();
  for (const c of checkouts) byShopper.set(c.shopper, [...(byShopper.get(c.shopper) ?? []), c]);
  await Promise.all(
    [...byShopper].map(async ([index, mine]) => {
      const who = world.shoppers[index]!;
      const api = stack.client("order-service", shopper(who.userId));
      let couponUsed = false;
      for (const checkout of mine) {
        const wait = startedAt + checkout.at - Date.now();
        if (wait > 0) await delay(wait);
        const wanted = new Map(
          checkout.lines.map((l) => [world.products[l.product]!.id, l.quantity]),
        );
        // The cart as this checkout wants it: a refused place leaves the last one's lines.
        const cart = await untilAnswered(() => api.cart.get.query());
        for (const line of cart.lines)
          if (!wanted.has(line.productId))
            await untilAnswered(() =>
              api.cart.setQuantity.mutate({ productId: line.productId, quantity: 0 }),
            );
        for (const [productId, quantity] of wanted)
          await untilAnswered(() => api.cart.setQuantity.mutate({ productId, quantity }));
        const couponId =
          who.couponId && ((checkout.wantsCoupon && !couponUsed) || checkout.reusesCoupon)
            ? who.couponId
            : null;
        let orderId: string;
        try {
          ({ orderId } = await untilAnswered(() =>
            api.orders.place.mutate({ idempotencyKey: checkout.idempotencyKey, couponId }),
          ));
        } catch (err) {
          if (answered(err)) refused.set(err.message, (refused.get(err.message) ?? 0) + 1);
          else unanswered += 1;
          continue;
        }
        const order = { orderId, shopper: index, couponId };
        placed.push(order);
        const settled = settledOrder(orderId);
        onPlaced?.(checkout, order, settled);
        const status = await settled;
        if (status === "COMPLETED" && couponId) couponUsed = true;
      }
    }),
  );
  return { placed, refused, unanswered };
}
