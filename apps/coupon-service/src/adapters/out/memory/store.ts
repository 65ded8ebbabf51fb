import type { CommandRunner, Handled, ReceivedMessage } from "@shop/kernel";
import { MemoryTransactions } from "@shop/service-kit";
import { allocateClaims } from "../../../domain/claim";
import type { Campaign } from "../../../domain/campaign";
import type { Coupon, CouponWithCampaign } from "../../../domain/coupon";
import type { Redemption } from "../../../domain/redemption";
import type {
  CampaignRepository,
  CampaignWithUsage,
  ClaimOutcome,
  CouponClaims,
  CouponReply,
  CouponRepository,
  NewClaim,
  RedemptionStore,
} from "../../../application/ports";
import type { ClaimBatchStore } from "../claim-batch";

/*
 * Every port on plain maps, with the same guarantees as the PostgreSQL adapters: a claim batch
 * and a command's work each run alone (one at a time, as the row and order locks make them on
 * PostgreSQL), and a command whose work throws leaves nothing behind (its transaction rolls
 * back). For use-case tests; the PostgreSQL tests check the same expectations.
 */

export interface SentReply {
  command: ReceivedMessage;
  reply: CouponReply;
}

export class InMemoryCouponStore
  implements
    CampaignRepository,
    CouponRepository,
    CouponClaims,
    ClaimBatchStore,
    CommandRunner<RedemptionStore, CouponReply>
{
  readonly campaigns = new Map<string, Campaign>();
  readonly coupons = new Map<string, Coupon>();
  readonly redemptions = new Map<string, Redemption>();
  readonly inbox = new Set<string>();
  /** The outbox: every reply committed, in order. */
  readonly sent: SentReply[] = [];
  /** The memory stand-in for a lock and a rollback: one transaction at a time. */
  private readonly tx = new MemoryTransactions(() => [
    this.campaigns,
    this.coupons,
    this.redemptions,
    this.inbox,
    this.sent,
  ]);

  private withCampaign(c: Coupon): CouponWithCampaign {
    return { ...c, campaign: { ...(this.campaigns.get(c.campaignId) as Campaign) } };
  }

  async insert(campaign: Campaign): Promise<void> {
    this.campaigns.set(campaign.id, { ...campaign });
  }

  async listWithUsage(): Promise<CampaignWithUsage[]> {
    return [...this.campaigns.values()]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((c) => ({
        ...c,
        used: [...this.coupons.values()].filter((k) => k.campaignId === c.id && k.usedOrderId)
          .length,
      }));
  }

  async listOpen(now: Date): Promise<Campaign[]> {
    return [...this.campaigns.values()]
      .filter((c) => c.validFrom <= now && now < c.validTo)
      .sort((a, b) => a.validTo.getTime() - b.validTo.getTime() || (a.id < b.id ? -1 : 1))
      .map((c) => ({ ...c }));
  }

  async listByUser(userId: string): Promise<CouponWithCampaign[]> {
    return [...this.coupons.values()]
      .filter((c) => c.userId === userId)
      .sort((a, b) => b.claimedAt.getTime() - a.claimedAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((c) => this.withCampaign(c));
  }

  async campaignsHeldBy(userId: string, campaignIds: readonly string[]): Promise<Set<string>> {
    const ids = new Set(campaignIds);
    return new Set(
      [...this.coupons.values()]
        .filter((c) => c.userId === userId && ids.has(c.campaignId))
        .map((c) => c.campaignId),
    );
  }

  async claim(claim: NewClaim): Promise<ClaimOutcome> {
    const [outcome] = await this.claimBatch(claim.campaignId, [claim]);
    return outcome as ClaimOutcome;
  }

  claimBatch(campaignId: string, claims: readonly NewClaim[]): Promise<ClaimOutcome[]> {
    return this.tx.run(async () => {
      const campaign = this.campaigns.get(campaignId);
      if (!campaign) return claims.map((): ClaimOutcome => ({ kind: "no-campaign" }));
      const holders = new Set(
        [...this.coupons.values()].filter((c) => c.campaignId === campaignId).map((c) => c.userId),
      );
      const before = { ...campaign };
      const verdicts = allocateClaims(before, claims, holders);
      return claims.map((claim, i): ClaimOutcome => {
        const verdict = verdicts[i] ?? { kind: "sold-out" };
        if (verdict.kind !== "issue")
          return { kind: "refused", refusal: verdict.kind, campaign: before };
        const coupon: Coupon = {
          id: claim.couponId,
          campaignId,
          userId: claim.userId,
          claimedAt: claim.at,
          usedOrderId: null,
          usedAt: null,
        };
        this.coupons.set(coupon.id, coupon);
        campaign.issued += 1;
        return { kind: "issued", coupon: { ...coupon, campaign: { ...campaign } } };
      });
    });
  }

  handle<R extends { reply: CouponReply }>(
    command: ReceivedMessage,
    work: (store: RedemptionStore) => Promise<R>,
  ): Promise<Handled<R>> {
    return this.tx.run(async (): Promise<Handled<R>> => {
      const key = `${command.consumer}/${command.messageId}`;
      if (this.inbox.has(key)) return { duplicate: true };
      const outcome = await work(this.redemptionStore());
      this.inbox.add(key);
      this.sent.push({ command, reply: outcome.reply });
      return { duplicate: false, ...outcome };
    });
  }

  private redemptionStore(): RedemptionStore {
    return {
      lockOrder: async (orderId) => this.redemptions.get(orderId) ?? null,
      lockCoupon: async (couponId) => {
        const coupon = this.coupons.get(couponId);
        return coupon ? this.withCampaign({ ...coupon }) : null;
      },
      putOnOrder: async (couponId, orderId, at) => {
        const coupon = this.coupons.get(couponId);
        if (!coupon || coupon.usedOrderId !== null) return false;
        this.coupons.set(couponId, { ...coupon, usedOrderId: orderId, usedAt: at });
        return true;
      },
      takeOffOrder: async (couponId, orderId) => {
        const coupon = this.coupons.get(couponId);
        if (coupon?.usedOrderId === orderId)
          this.coupons.set(couponId, { ...coupon, usedOrderId: null, usedAt: null });
      },
      saveRedemption: async (record) => {
        this.redemptions.set(record.orderId, { ...record });
      },
    };
  }
}
