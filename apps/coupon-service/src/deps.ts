import type { Clock } from "@shop/kernel";
import { randomIds, systemClock } from "@shop/service-kit";
import type { CouponDeps } from "./application/ports";
import { ClaimBatcher, type ClaimBatcherOptions } from "./adapters/out/claim-batcher";
import type { Db } from "./adapters/out/prisma/client";
import {
  PrismaCampaignRepository,
  PrismaCouponRepository,
} from "./adapters/out/prisma/campaign-repository";
import { PrismaClaimStore } from "./adapters/out/prisma/claim-store";
import { pgCouponCommandRunner } from "./adapters/out/pg/coupon-command-runner";

export type ClaimBatching = Omit<ClaimBatcherOptions, "store">;

/**
 * The use cases' dependencies on PostgreSQL. Claims go through a batcher (one transaction per
 * burst of claims on a campaign); `claims` is it, and the ordered shutdown drains it.
 */
export function couponDeps(
  db: Db,
  { batching = {}, clock = systemClock }: { batching?: ClaimBatching; clock?: Clock } = {},
): CouponDeps & { claims: ClaimBatcher } {
  return {
    campaigns: new PrismaCampaignRepository(db),
    coupons: new PrismaCouponRepository(db),
    claims: new ClaimBatcher({ store: new PrismaClaimStore(db), ...batching }),
    saga: pgCouponCommandRunner(db, clock),
    clock,
    ids: randomIds,
  };
}
