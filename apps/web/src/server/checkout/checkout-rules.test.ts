import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MyCoupon } from "@shop/contracts";
import type { Discount } from "@shop/kernel";
// A test may read the services' code to hold the web's copies to it (eslint.config.js).
import {
  firstShortfall,
  lineShortfall,
  type StockOnHand,
} from "../../../../product-service/src/domain/availability";
import { decideUse } from "../../../../coupon-service/src/domain/redemption";
import { canDebit } from "../../../../payment-service/src/domain/wallet";
import type { CouponWithCampaign } from "../../../../coupon-service/src/domain/coupon";
import { couponView } from "../../../../coupon-service/src/application/views";
import { toMyCouponDto } from "../../../../coupon-service/src/adapters/in/trpc/map";
import type { CartLineView } from "./cart-view";
import { balanceProblem, cartProblem, couponProblem } from "./checkout-rules";

/*
 * The checkout's early refusals against the services that decide for good: over generated
 * carts and coupons, the web rule refuses exactly when product-service's lineShortfall or
 * coupon-service's decideUse would, and for the same reason. Red if a copy drifts from its
 * original, or if the BFF's view hides something the service decides on.
 */

const RUNS = 5_000;
const SHOPPER = "5b0e6c55-7f3f-4c57-9a35-7a4a0f3f0001";
const SOMEONE_ELSE = "5b0e6c55-7f3f-4c57-9a35-7a4a0f3f0002";
const ORDER = "0d3c1f9a-2b7e-4f0e-8c1d-2a9e6b7c0003";
const NOW = new Date("2026-12-07T12:00:00.000Z");
const DAY = 86_400_000;

/* ---- Carts ---- */

const productView = fc.record({
  name: fc.constantFrom("Mug", "Notebook", "Lamp"),
  priceCents: fc.integer({ min: 1, max: 50_000 }),
  stock: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 10_000 })),
});

/** A cart as the BFF's view holds it; null products are ones the shopper can no longer buy. */
const cartLines: fc.Arbitrary<CartLineView[]> = fc
  .uniqueArray(
    fc.record({
      productId: fc.uuid(),
      quantity: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 10_000 })),
      product: fc.option(productView, { freq: 4 }),
    }),
    { selector: (l) => l.productId, minLength: 1, maxLength: 6 },
  )
  .map((lines) =>
    lines.map(({ productId, quantity, product }) => ({
      productId,
      quantity,
      addedAt: NOW.toISOString(),
      product: product && { id: productId, slug: "p", image: null, ...product },
    })),
  );

/** What product-service's store sees for a line the view has no product for: gone or archived. */
const missingProduct: fc.Arbitrary<StockOnHand | undefined> = fc.option(
  fc.record({ status: fc.constant("archived" as const), stock: fc.nat({ max: 10_000 }) }),
  { nil: undefined },
);

/** The web's refusal without its words: what product-service's Shortfall says. */
const verdictOf = (p: ReturnType<typeof cartProblem>) =>
  p &&
  (p.kind === "short"
    ? { kind: p.kind, productId: p.productId, available: p.available }
    : { kind: p.kind, productId: p.productId });

describe("cartProblem (product-service's lineShortfall, restated)", () => {
  it("refuses a cart exactly when a line would fall short, naming that line and why", () => {
    fc.assert(
      fc.property(
        cartLines,
        fc.array(missingProduct, { minLength: 6, maxLength: 6 }),
        (lines, missing) => {
          const stock = new Map(
            lines.map((l, i): [string, StockOnHand | undefined] => [
              l.productId,
              l.product ? { status: "active", stock: l.product.stock } : missing[i],
            ]),
          );
          const orderLines = lines.map(({ productId, quantity }) => ({ productId, quantity }));
          const web = verdictOf(cartProblem({ lines }));
          // The first in the cart's order is the one the shopper is told about.
          expect(web).toEqual(firstShortfall(orderLines, (id) => stock.get(id)));
          // The store takes the lines in product id order; it refuses the same carts.
          const byId = [...orderLines].sort((a, b) => a.productId.localeCompare(b.productId));
          expect(web === null).toBe(firstShortfall(byId, (id) => stock.get(id)) === null);
          if (web) {
            const line = orderLines.find((l) => l.productId === web.productId)!;
            expect(lineShortfall(line, stock.get(line.productId))).toEqual(web);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("tells the shopper what to do in words", () => {
    const line = (stock: number | null, quantity: number): CartLineView => ({
      productId: "p",
      quantity,
      addedAt: NOW.toISOString(),
      product:
        stock === null
          ? null
          : { id: "p", slug: "p", name: "Mug", priceCents: 900, stock, image: null },
    });
    expect(cartProblem({ lines: [line(null, 1)] })?.message).toBe(
      "An item in your cart is no longer available: remove it first",
    );
    expect(cartProblem({ lines: [line(0, 1)] })?.message).toBe("Mug is sold out: remove it first");
    expect(cartProblem({ lines: [line(2, 3)] })?.message).toBe(
      "Only 2 left of Mug: lower the quantity first",
    );
    expect(cartProblem({ lines: [line(3, 3)] })).toBeNull();
  });
});

/* ---- Coupons ---- */

const cents = fc.oneof(
  fc.integer({ min: 1, max: 10_000 }),
  fc.integer({ min: 1, max: 10_000_000 }),
);
const discount: fc.Arbitrary<Discount> = fc.oneof(
  cents.map((amountOffCents) => ({ kind: "fixed" as const, amountOffCents })),
  fc.record({
    kind: fc.constant("percent" as const),
    percentOff: fc.integer({ min: 1, max: 100 }),
    maxDiscountCents: cents,
  }),
);

const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

/**
 * One coupon as coupon-service lists it to its owner at NOW: claimed while its campaign was
 * open; available until the campaign ends (at NOW exactly it has ended), used while on an order.
 */
const myCoupon: fc.Arbitrary<MyCoupon> = fc
  .record({
    id: fc.uuid(),
    campaignId: fc.uuid(),
    discount,
    minOrderCents: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100_000 })),
    status: fc.constantFrom("available" as const, "used" as const, "expired" as const),
    endsIn: fc.integer({ min: 1, max: 30 * DAY }),
    claimedBefore: fc.integer({ min: 1, max: 30 * DAY }),
  })
  .map(({ status, endsIn, claimedBefore, ...c }) => {
    const validTo =
      status === "available" ? endsIn : status === "expired" ? 1 - endsIn : endsIn - 15 * DAY;
    const claimedAt = Math.min(0, validTo) - claimedBefore;
    return {
      ...c,
      campaignName: "Campaign",
      validTo: at(validTo),
      claimedAt: at(claimedAt),
      status,
      usedAt: status === "used" ? at(Math.round(claimedAt / 2)) : null,
    };
  });

/** The same coupon in coupon-service's own terms, with its owner and its campaign. */
function serviceCoupon(c: MyCoupon, userId: string): CouponWithCampaign {
  const claimedAt = new Date(c.claimedAt);
  return {
    id: c.id,
    campaignId: c.campaignId,
    userId,
    claimedAt,
    usedOrderId: c.status === "used" ? "7e2f7a4c-9f6b-4a8e-9c55-3d1b2e4f0004" : null,
    usedAt: c.usedAt === null ? null : new Date(c.usedAt),
    campaign: {
      id: c.campaignId,
      name: c.campaignName,
      discount: c.discount,
      quantity: 100,
      issued: 1,
      minOrderCents: c.minOrderCents,
      validFrom: new Date(claimedAt.getTime() - DAY),
      validTo: new Date(c.validTo),
      createdAt: new Date(claimedAt.getTime() - 2 * DAY),
    },
  };
}

/** The shopper's coupons, and which coupon the checkout sends: one of them, another's, or none. */
const couponWorld = fc
  .uniqueArray(myCoupon, { selector: (c) => c.id, minLength: 2, maxLength: 5 })
  .chain((coupons) =>
    fc.record({
      mine: fc.constant(coupons.slice(1)),
      // The first generated coupon is someone else's: in the service, but not in the list.
      theirs: fc.constant(coupons[0]!),
      pick: fc.oneof(
        fc.nat({ max: coupons.length - 2 }).map((i) => ({ kind: "mine" as const, i })),
        fc.constant({ kind: "theirs" as const }),
        fc.constant({ kind: "unknown" as const }),
      ),
    }),
  );

/** A subtotal at or around the coupon's minimum as often as anywhere else. */
const subtotalNear = (min: number) =>
  fc.oneof(
    fc.integer({ min: -2, max: 2 }).map((d) => Math.max(0, min + d)),
    fc.nat({ max: 200_000 }),
  );

describe("couponProblem (coupon-service's decideUse, restated)", () => {
  it("maps a listed coupon to coupon-service's own terms faithfully (it lists back the same)", () => {
    fc.assert(
      fc.property(myCoupon, (c) => {
        expect(toMyCouponDto(couponView(serviceCoupon(c, SHOPPER), NOW))).toEqual(c);
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses a coupon exactly when coupon-service would, for the same reason", () => {
    fc.assert(
      fc.property(
        couponWorld.chain((w) => {
          const picked = w.pick.kind === "mine" ? w.mine[w.pick.i]! : w.theirs;
          return fc.record({ w: fc.constant(w), subtotal: subtotalNear(picked.minOrderCents) });
        }),
        ({ w, subtotal }) => {
          const store = new Map<string, CouponWithCampaign>([
            ...w.mine.map((c): [string, CouponWithCampaign] => [c.id, serviceCoupon(c, SHOPPER)]),
            [w.theirs.id, serviceCoupon(w.theirs, SOMEONE_ELSE)],
          ]);
          const couponId =
            w.pick.kind === "mine"
              ? w.mine[w.pick.i]!.id
              : w.pick.kind === "theirs"
                ? w.theirs.id
                : "9a8b7c6d-5e4f-4a3b-8c2d-1e0f00000005";
          const web = couponProblem(
            w.mine.find((c) => c.id === couponId),
            subtotal,
          );
          const service = decideUse(
            { couponId, orderId: ORDER, userId: SHOPPER, orderAmountCents: subtotal },
            store.get(couponId) ?? null,
            NOW,
          );
          // The web cannot tell a coupon that does not exist from another's: both are not yours.
          const expected =
            service.kind === "use"
              ? null
              : service.reason === "NOT_FOUND"
                ? "NOT_YOURS"
                : service.reason;
          expect(web?.reason ?? null).toBe(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("says why in words, with the minimum as money", () => {
    const [c] = fc.sample(myCoupon, { numRuns: 1, seed: 1 });
    const coupon = { ...c!, status: "available" as const, minOrderCents: 2_500 };
    expect(couponProblem(undefined, 0)?.message).toBe("This coupon is not one of yours");
    expect(couponProblem({ ...coupon, status: "used" }, 9_999)?.message).toBe(
      "This coupon was already used on another order",
    );
    expect(couponProblem({ ...coupon, status: "expired" }, 9_999)?.message).toBe(
      "This coupon has expired",
    );
    expect(couponProblem(coupon, 2_499)?.message).toBe(
      "This coupon needs an order of at least $25.00",
    );
    expect(couponProblem(coupon, 2_500)).toBeNull();
  });
});

/* ---- Balance ---- */

/** An amount near another as often as anywhere else: the edge is where a copy drifts. */
const centsNear = (other: number) =>
  fc.oneof(
    fc.integer({ min: -2, max: 2 }).map((d) => Math.max(0, other + d)),
    fc.nat({ max: 2_000_000 }),
  );

describe("balanceProblem (payment-service's canDebit, restated)", () => {
  it("refuses exactly when the saga's pay step would find the balance short, by as much", () => {
    fc.assert(
      fc.property(
        fc
          .nat({ max: 2_000_000 })
          .chain((total) => fc.record({ total: fc.constant(total), balance: centsNear(total) })),
        ({ total, balance }) => {
          const web = balanceProblem(balance, total);
          // A total of nothing is not paid at all (the saga asks no debit): nothing to refuse.
          const refusedByService = total > 0 && !canDebit(balance, total);
          expect(web !== null).toBe(refusedByService);
          if (web) expect(web.shortByCents).toBe(total - balance);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("says by how much, and what to do", () => {
    expect(balanceProblem(1_000, 1_800)?.message).toBe(
      "Your balance is $8.00 short of the $18.00 total: top up your wallet first",
    );
    expect(balanceProblem(1_800, 1_800)).toBeNull();
    expect(balanceProblem(0, 0)).toBeNull();
  });
});
