/*
 * What a refund gives back (refund-amounts.ts): the discount shared out by largest remainder,
 * then each line's net given back by cumulative floor rounding. Red if a share, net or refund
 * part drifts by a cent from the whole it belongs to.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  discountShares,
  lineNets,
  lineRefund,
  unitsRefund,
  type PricedLine,
} from "./refund-amounts";

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
const gross = (l: PricedLine) => l.quantity * l.unitPriceCents;

const line = fc.record({
  productId: fc.uuid(),
  quantity: fc.integer({ min: 1, max: 20 }),
  unitPriceCents: fc.integer({ min: 0, max: 200_000 }),
});
const order = fc
  .array(line, { minLength: 1, maxLength: 6 })
  .chain((lines) =>
    fc.tuple(fc.constant(lines), fc.integer({ min: 0, max: sum(lines.map(gross)) + 1_000 })),
  );

/** A split of `n` units into parts of at least one unit, in order. */
const split = (n: number): fc.Arbitrary<number[]> =>
  n === 1
    ? fc.constant([1])
    : fc.uniqueArray(fc.integer({ min: 1, max: n - 1 }), { maxLength: n - 1 }).map((cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), n];
        return at.slice(1).map((c, i) => c - (at[i] as number));
      });

describe("refund amounts", () => {
  it("shares add up to the discount, and nets to subtotal less discount", () => {
    fc.assert(
      fc.property(order, ([lines, discount]) => {
        const subtotal = sum(lines.map(gross));
        const applied = subtotal === 0 ? 0 : Math.min(discount, subtotal);
        const shares = discountShares(lines, discount);
        expect(sum(shares)).toBe(applied);
        // Each share is within its line's price: no line pays less than nothing.
        shares.forEach((s, i) => {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(gross(lines[i] as PricedLine));
        });
        const nets = lineNets(lines, discount);
        expect(sum(nets)).toBe(subtotal - applied);
        nets.forEach((n) => expect(n).toBeGreaterThanOrEqual(0));
      }),
      { numRuns: 2_000 },
    );
  });

  it("any split of a line's units into partial refunds adds up exactly to the line's net", () => {
    const lineSplit = fc
      .tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 1_000_000 }))
      .chain(([quantity, net]) =>
        fc.tuple(fc.constant(quantity), fc.constant(net), split(quantity)),
      );
    fc.assert(
      fc.property(lineSplit, ([quantity, net, parts]) => {
        let before = 0;
        const amounts = parts.map((more) => {
          const amount = unitsRefund(net, quantity, before, more);
          before += more;
          return amount;
        });
        expect(sum(parts)).toBe(quantity);
        expect(sum(amounts)).toBe(net);
        // Every prefix gives back at most its units' share (never a cent ahead of the line).
        let units = 0;
        let cents = 0;
        parts.forEach((more, i) => {
          units += more;
          cents += amounts[i] as number;
          expect(amounts[i]).toBeGreaterThanOrEqual(0);
          expect(cents).toBe(Math.floor((net * units) / quantity));
        });
      }),
      { numRuns: 2_000 },
    );
  });

  it("the rule, worked: a $10 coupon over three lines", () => {
    const lines: PricedLine[] = [
      { productId: "a", quantity: 1, unitPriceCents: 1_000 }, // $10.00
      { productId: "b", quantity: 2, unitPriceCents: 750 }, // $15.00
      { productId: "c", quantity: 3, unitPriceCents: 333 }, // $9.99
    ];
    // $34.99 in all. In proportion, $10.00 off is 285.79 + 428.69 + 285.51 cents: rounded down,
    // 285 + 428 + 285 = 998; the 2 cents left go to the largest remainders (a's .79, b's .69).
    expect(discountShares(lines, 1_000)).toEqual([286, 429, 285]);
    // What each line paid: $7.14 + $10.71 + $7.14 = $24.99 = $34.99 - $10.00.
    expect(lineNets(lines, 1_000)).toEqual([714, 1_071, 714]);
    // b's two units, one at a time: floor(1071/2) = 535, then 1071 - 535 = 536.
    expect(unitsRefund(1_071, 2, 0, 1)).toBe(535);
    expect(unitsRefund(1_071, 2, 1, 1)).toBe(536);
    // c's three units: 238 each, whichever way they are split.
    expect([0, 1, 2].map((before) => unitsRefund(714, 3, before, 1))).toEqual([238, 238, 238]);
    expect(unitsRefund(714, 3, 0, 2) + unitsRefund(714, 3, 2, 1)).toBe(714);
    // No coupon: nothing shared; a discount past the subtotal is capped at it.
    expect(discountShares(lines, 0)).toEqual([0, 0, 0]);
    expect(lineNets(lines, 10_000)).toEqual([0, 0, 0]);
  });

  it("refuses a refund of units the line does not have", () => {
    expect(() => unitsRefund(714, 3, 2, 2)).toThrow(RangeError);
    expect(() => unitsRefund(714, 3, -1, 1)).toThrow(RangeError);
  });

  it("after a failed refund frees units, the line's refunds still end at exactly its net", () => {
    // Units of a line refunded in parts, some parts failing (their units free again): each new
    // part is priced on the units and cents of the parts that did not fail.
    const run = fc.record({
      quantity: fc.integer({ min: 1, max: 12 }),
      net: fc.integer({ min: 0, max: 100_000 }),
      steps: fc.array(fc.record({ more: fc.integer({ min: 1, max: 4 }), fails: fc.boolean() }), {
        maxLength: 20,
      }),
    });
    fc.assert(
      fc.property(run, ({ quantity, net, steps }) => {
        const live: { units: number; cents: number }[] = [];
        const units = () => sum(live.map((p) => p.units));
        const cents = () => sum(live.map((p) => p.cents));
        for (const { more, fails } of steps) {
          const k = Math.min(more, quantity - units());
          if (k === 0) break;
          const part = { units: k, cents: lineRefund(net, quantity, units(), cents(), k) };
          expect(part.cents).toBeGreaterThanOrEqual(0);
          // A refund priced now may fail later: the oldest live part is the one refused.
          if (fails && live.length > 0) live.shift();
          live.push(part);
          expect(cents()).toBeLessThanOrEqual(net);
        }
        const rest = quantity - units();
        if (rest > 0)
          live.push({ units: rest, cents: lineRefund(net, quantity, units(), cents(), rest) });
        expect(cents()).toBe(net);
      }),
      { numRuns: 2_000 },
    );
  });

  it("with nothing failed, the line refund is the cumulative rule", () => {
    expect(lineRefund(1_071, 2, 0, 0, 1)).toBe(unitsRefund(1_071, 2, 0, 1));
    expect(lineRefund(1_071, 2, 1, 535, 1)).toBe(unitsRefund(1_071, 2, 1, 1));
    // Two units of $17.23: 861 then 862; if the 861 one fails after the 862 one was priced,
    // the unit it frees gives back 861 (not 862 again: 1724 would pass what the line paid).
    expect(lineRefund(1_723, 2, 1, 862, 1)).toBe(861);
    expect(() => lineRefund(714, 3, 2, 0, 2)).toThrow(RangeError);
  });
});
