import { allocateClaims } from "../../../domain/claim";
import type { ClaimOutcome, NewClaim } from "../../../application/ports";
import type { ClaimBatchStore } from "../claim-batch";
import type { Db } from "./client";
import { toCampaign } from "./rows";

/*
 * One transaction per batch of claims on one campaign:
 *   1. lock the campaign row (FOR NO KEY UPDATE: what the UPDATE of `issued` takes anyway; it
 *      does not block the foreign-key checks of the coupons inserted below);
 *   2. read it and which of the batch's users hold a coupon already: both exact, as every
 *      claim on this campaign, in any instance, takes the same lock first;
 *   3. let the domain decide (allocateClaims: window, one per user, arrival order, remaining);
 *   4. insert the issued coupons and raise `issued` by the rows inserted, in one statement.
 * If anything ever got past the lock, the database still refuses: a second coupon for a user
 * is skipped by ON CONFLICT (campaign_id, user_id) DO NOTHING (and reported as already
 * claimed), and an `issued` past `quantity` fails the CHECK and rolls the batch back.
 */

const INSERT_AND_COUNT = `WITH inserted AS (
  INSERT INTO coupon (id, campaign_id, user_id, claimed_at)
  SELECT n.id, $1::uuid, n.user_id, n.claimed_at
  FROM jsonb_to_recordset($2::jsonb) AS n(id uuid, user_id uuid, claimed_at timestamptz)
  ON CONFLICT (campaign_id, user_id) DO NOTHING
  RETURNING id
), counted AS (
  UPDATE campaign SET issued = issued + (SELECT count(*) FROM inserted) WHERE id = $1::uuid
  RETURNING issued
)
SELECT inserted.id::text AS id, counted.issued FROM inserted CROSS JOIN counted`;

export class PrismaClaimStore implements ClaimBatchStore {
  constructor(private readonly db: Db) {}

  claimBatch(campaignId: string, claims: readonly NewClaim[]): Promise<ClaimOutcome[]> {
    return this.db.$transaction(async (tx) => {
      const locked =
        await tx.$executeRaw`SELECT 1 FROM campaign WHERE id = ${campaignId}::uuid FOR NO KEY UPDATE`;
      const row = locked === 0 ? null : await tx.campaign.findUnique({ where: { id: campaignId } });
      if (!row) return claims.map((): ClaimOutcome => ({ kind: "no-campaign" }));
      const campaign = toCampaign(row);
      const users = [...new Set(claims.map((c) => c.userId))];
      const holders = await tx.coupon.findMany({
        where: { campaignId, userId: { in: users } },
        select: { userId: true },
      });
      const verdicts = allocateClaims(campaign, claims, new Set(holders.map((h) => h.userId)));
      const issue = claims.filter((_, i) => verdicts[i]?.kind === "issue");
      const inserted = new Set<string>();
      let issued = campaign.issued;
      if (issue.length > 0) {
        const rows = await tx.$queryRawUnsafe<{ id: string; issued: number }[]>(
          INSERT_AND_COUNT,
          campaignId,
          JSON.stringify(
            issue.map((c) => ({
              id: c.couponId,
              user_id: c.userId,
              claimed_at: c.at.toISOString(),
            })),
          ),
        );
        for (const r of rows) inserted.add(r.id);
        issued = rows[0]?.issued ?? issued;
      }
      const after = { ...campaign, issued };
      return claims.map((claim, i): ClaimOutcome => {
        const verdict = verdicts[i] ?? { kind: "sold-out" };
        if (verdict.kind !== "issue") return { kind: "refused", refusal: verdict.kind, campaign };
        if (!inserted.has(claim.couponId))
          return { kind: "refused", refusal: "already-claimed", campaign };
        return {
          kind: "issued",
          coupon: {
            id: claim.couponId,
            campaignId,
            userId: claim.userId,
            claimedAt: claim.at,
            usedOrderId: null,
            usedAt: null,
            campaign: after,
          },
        };
      });
    });
  }
}
