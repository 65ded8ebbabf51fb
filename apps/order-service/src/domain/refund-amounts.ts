/*
 * What a refund gives back, in integer cents, so that the parts always add up to the whole.
 *
 * The rule, in two steps:
 * 1. The coupon's discount is shared out over the order's lines in proportion to each line's
 *    price (quantity × unit price), rounded down, and the cents left over by the rounding go one
 *    each to the lines with the largest remainders (ties: the line listed first). The shares add
 *    up to the discount exactly, and a line's net (its price less its share) is what it paid.
 * 2. A refund of k more units of a line of n units, of which r were refunded before, gives back
 *    floor(net × (r + k) / n) − floor(net × r / n). However a line is refunded (at once, unit by
 *    unit, in any split), the amounts telescope to floor(net × n / n) = net: all its units give
 *    back exactly what the line paid, never a cent more, and the lines' nets add up to the total
 *    paid (subtotal − discount).
 */

export interface PricedLine {
  productId: string;
  quantity: number;
  unitPriceCents: number;
}

/** Each line's share of the discount, in the lines' order (step 1 above). */
export function discountShares(lines: readonly PricedLine[], discountCents: number): number[] {
  const gross = lines.map((l) => l.quantity * l.unitPriceCents);
  const subtotal = gross.reduce((a, b) => a + b, 0);
  if (subtotal === 0 || discountCents <= 0) return lines.map(() => 0);
  const discount = Math.min(discountCents, subtotal);
  // Exact in integers: gross × discount stays far below 2^53 for any order the shop accepts.
  const shares = gross.map((g) => Math.floor((g * discount) / subtotal));
  let left = discount - shares.reduce((a, b) => a + b, 0);
  const byRemainder = gross
    .map((g, i) => ({ i, remainder: (g * discount) % subtotal }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}

/** What the line paid: its price less its share of the discount. */
export function lineNets(lines: readonly PricedLine[], discountCents: number): number[] {
  const shares = discountShares(lines, discountCents);
  return lines.map((l, i) => l.quantity * l.unitPriceCents - (shares[i] ?? 0));
}

/** What `more` units give back of a line of `quantity` that paid `net`, `before` refunded already. */
export function unitsRefund(net: number, quantity: number, before: number, more: number): number {
  if (before < 0 || more < 0 || before + more > quantity)
    throw new RangeError(`refund of ${more} after ${before} of ${quantity} units`);
  return Math.floor((net * (before + more)) / quantity) - Math.floor((net * before) / quantity);
}

/**
 * What `more` units give back of a line of `quantity` that paid `net`, when `before` units were
 * given back (or are being) for `centsBefore` in all: what the first `before + more` units are
 * worth by the rule, less what the line gave already, never below nothing. Without a failed
 * refund in between, centsBefore is floor(net × before / quantity) and this is `unitsRefund`.
 * After one failed (its units freed, while a later refund had already taken its own share) it
 * keeps the line's refunds from passing its net: they still end at exactly `net` once every
 * unit went back.
 */
export function lineRefund(
  net: number,
  quantity: number,
  before: number,
  centsBefore: number,
  more: number,
): number {
  if (before < 0 || more < 0 || before + more > quantity)
    throw new RangeError(`refund of ${more} after ${before} of ${quantity} units`);
  return Math.max(0, Math.floor((net * (before + more)) / quantity) - centsBefore);
}
