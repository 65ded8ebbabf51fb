import type { Campaign } from "../../../domain/campaign";
import type { CouponWithCampaign } from "../../../domain/coupon";
import type {
  CampaignRepository,
  CampaignWithUsage,
  CouponRepository,
} from "../../../application/ports";
import type { Db } from "./client";
import { campaignData, toCampaign, toCoupon } from "./rows";

export class PrismaCampaignRepository implements CampaignRepository {
  constructor(private readonly db: Db) {}

  async insert(campaign: Campaign): Promise<void> {
    await this.db.campaign.create({ data: campaignData(campaign) });
  }

  async listWithUsage(): Promise<CampaignWithUsage[]> {
    const [rows, used] = await Promise.all([
      this.db.campaign.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
      this.db.coupon.groupBy({
        by: ["campaignId"],
        where: { usedOrderId: { not: null } },
        _count: { _all: true },
      }),
    ]);
    const usedBy = new Map(used.map((u) => [u.campaignId, u._count._all]));
    return rows.map((r) => ({ ...toCampaign(r), used: usedBy.get(r.id) ?? 0 }));
  }

  async listOpen(now: Date): Promise<Campaign[]> {
    const rows = await this.db.campaign.findMany({
      where: { validFrom: { lte: now }, validTo: { gt: now } },
      orderBy: [{ validTo: "asc" }, { id: "asc" }],
    });
    return rows.map(toCampaign);
  }
}

export class PrismaCouponRepository implements CouponRepository {
  constructor(private readonly db: Db) {}

  async listByUser(userId: string): Promise<CouponWithCampaign[]> {
    const rows = await this.db.coupon.findMany({
      where: { userId },
      include: { campaign: true },
      orderBy: [{ claimedAt: "desc" }, { id: "desc" }],
    });
    return rows.map((r) => ({ ...toCoupon(r), campaign: toCampaign(r.campaign) }));
  }

  async campaignsHeldBy(userId: string, campaignIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.coupon.findMany({
      where: { userId, campaignId: { in: [...campaignIds] } },
      select: { campaignId: true },
    });
    return new Set(rows.map((r) => r.campaignId));
  }
}
