import { phaseAt, remainingOf, type Campaign } from "./campaign";

/*
 * First come, first served. The store calls allocateClaims under the campaign's row lock with
 * the claims of one batch in arrival order and the users among them who already hold one of
 * its coupons; it then inserts exactly the "issue" verdicts. So the rule lives here once, and
 * the database (CHECK issued <= quantity, UNIQUE (campaign, user)) is the last line of defence.
 */

export interface ClaimRequest {
  userId: string;
  /** When the claim arrived (the use case's clock). */
  at: Date;
}

export type ClaimVerdict =
  | { kind: "issue" }
  | { kind: "not-started" }
  | { kind: "ended" }
  | { kind: "already-claimed" }
  | { kind: "sold-out" };

/**
 * One verdict per request, in order: refused outside the window; refused for a user who
 * holds a coupon already, or who appears earlier in the same batch (a double click); issued
 * while coupons remain; sold out after that.
 */
export function allocateClaims(
  campaign: Pick<Campaign, "quantity" | "issued" | "validFrom" | "validTo">,
  requests: readonly ClaimRequest[],
  holders: ReadonlySet<string>,
): ClaimVerdict[] {
  let remaining = remainingOf(campaign);
  const taken = new Set(holders);
  return requests.map((r): ClaimVerdict => {
    const phase = phaseAt(campaign, r.at);
    if (phase === "upcoming") return { kind: "not-started" };
    if (phase === "ended") return { kind: "ended" };
    if (taken.has(r.userId)) return { kind: "already-claimed" };
    if (remaining === 0) return { kind: "sold-out" };
    remaining -= 1;
    taken.add(r.userId);
    return { kind: "issue" };
  });
}
