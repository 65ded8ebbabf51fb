import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@shop/kernel";
import { claimCoupon } from "../../../application/claim-coupon";
import type { CouponDeps } from "../../../application/ports";
import { couponDeps } from "../../../deps";
import { aCampaign } from "../../../test/fixtures";
import { truncateCoupons, useTestDatabase } from "../../../test/database";
import { createDb, type Db } from "./client";
import { PrismaCampaignRepository } from "./campaign-repository";
import { PrismaClaimStore } from "./claim-store";

/*
 * First come, first served on the real PostgreSQL: whatever the concurrency, exactly the
 * campaign's quantity is issued, never a second coupon to a user, also with two processes'
 * batchers (two clients with their own pools) claiming on one database at once.
 */

const t = useTestDatabase(20);
/** A second "process": its own client and pool on the same database. */
let other: Db;
beforeAll(() => {
  other = createDb(t.url, 20);
});
afterAll(async () => {
  await other?.$disconnect();
});
beforeEach(() => truncateCoupons(t.db));

const shopper = (): Actor => ({ role: "shopper", userId: randomUUID() });

async function newCampaign(quantity: number) {
  // Open now, whatever the day: the fixture's own window (around T0) has passed by now.
  const campaign = aCampaign({
    quantity,
    validFrom: new Date(Date.now() - 60_000),
    validTo: new Date(Date.now() + 24 * 3_600_000),
  });
  await new PrismaCampaignRepository(t.db).insert(campaign);
  return campaign;
}

/** What the database holds, checked straight in its tables. */
async function stored(campaignId: string) {
  const [row] = await t.db.$queryRaw<{ issued: number; coupons: bigint; users: bigint }[]>`
    SELECT c.issued,
           (SELECT count(*) FROM coupon WHERE campaign_id = c.id) AS coupons,
           (SELECT count(DISTINCT user_id) FROM coupon WHERE campaign_id = c.id) AS users
    FROM campaign c WHERE c.id = ${campaignId}::uuid`;
  return { issued: row?.issued, coupons: Number(row?.coupons), users: Number(row?.users) };
}

const codes = (results: Awaited<ReturnType<typeof claimCoupon>>[]) => {
  const count: Record<string, number> = {};
  for (const r of results) {
    const key = r.ok ? "issued" : r.error.code;
    count[key] = (count[key] ?? 0) + 1;
  }
  return count;
};

describe("claims on PostgreSQL", () => {
  it("1,000 parallel claims for 100 coupons issue exactly 100, no user twice", async () => {
    const campaign = await newCampaign(100);
    const deps = couponDeps(t.db);
    const users = Array.from({ length: 1_000 }, shopper);
    const results = await Promise.all(users.map((u) => claimCoupon(deps, u, campaign.id)));
    expect(codes(results)).toEqual({ issued: 100, SOLD_OUT: 900 });
    expect(await stored(campaign.id)).toEqual({ issued: 100, coupons: 100, users: 100 });
    const winners = results.filter((r) => r.ok).map((r) => (r.ok ? r.value.userId : ""));
    expect(new Set(winners).size).toBe(100);
  });

  it("two instances' batchers on one database, each user clicking in both: 100 issued, one each", async () => {
    const campaign = await newCampaign(100);
    const a = couponDeps(t.db);
    const b = couponDeps(other, { batching: { maxBatch: 50, lingerMs: 1 } });
    const users = Array.from({ length: 500 }, shopper);
    // Every user claims twice, once through each instance, interleaved.
    const results = await Promise.all(
      users.flatMap((u) => [claimCoupon(a, u, campaign.id), claimCoupon(b, u, campaign.id)]),
    );
    const count = codes(results);
    expect(count.issued).toBe(100);
    expect((count.SOLD_OUT ?? 0) + (count.ALREADY_CLAIMED ?? 0)).toBe(900);
    expect(await stored(campaign.id)).toEqual({ issued: 100, coupons: 100, users: 100 });
  });

  it("stays exact without batching (one transaction per claim), and says who already has one", async () => {
    const campaign = await newCampaign(30);
    const unbatched: CouponDeps = couponDeps(t.db, { batching: { maxBatch: 1, lingerMs: 0 } });
    const alsoUnbatched = couponDeps(other, { batching: { maxBatch: 1, lingerMs: 0 } });
    const users = Array.from({ length: 40 }, shopper);
    const results = await Promise.all(
      users.flatMap((u) => [
        claimCoupon(unbatched, u, campaign.id),
        claimCoupon(alsoUnbatched, u, campaign.id),
      ]),
    );
    const count = codes(results);
    expect(count.issued).toBe(30);
    expect(count.ALREADY_CLAIMED).toBeGreaterThanOrEqual(30);
    expect(await stored(campaign.id)).toEqual({ issued: 30, coupons: 30, users: 30 });
  });

  it("answers each claim of one batch on its own: issued, already claimed, sold out", async () => {
    const campaign = await newCampaign(2);
    const store = new PrismaClaimStore(t.db);
    const ann = randomUUID();
    const at = new Date();
    const claim = (userId: string) => ({
      campaignId: campaign.id,
      couponId: randomUUID(),
      userId,
      at,
    });
    const outcomes = await store.claimBatch(campaign.id, [
      claim(ann),
      claim(ann),
      claim(randomUUID()),
      claim(randomUUID()),
    ]);
    expect(outcomes.map((o) => (o.kind === "refused" ? o.refusal : o.kind))).toEqual([
      "issued",
      "already-claimed",
      "issued",
      "sold-out",
    ]);
    const issued = outcomes.find((o) => o.kind === "issued");
    expect(issued?.kind === "issued" && issued.coupon.campaign.issued).toBe(2);
    expect(await store.claimBatch(randomUUID(), [claim(ann)])).toEqual([{ kind: "no-campaign" }]);
  });

  it("the database itself refuses more than the quantity and a second coupon for a user", async () => {
    const campaign = await newCampaign(1);
    await expect(
      t.db.$executeRaw`UPDATE campaign SET issued = 2 WHERE id = ${campaign.id}::uuid`,
    ).rejects.toThrow(/campaign_issued_within_quantity/);
    const user = randomUUID();
    const insert = () =>
      t.db.$executeRaw`INSERT INTO coupon (id, campaign_id, user_id, claimed_at)
        VALUES (${randomUUID()}::uuid, ${campaign.id}::uuid, ${user}::uuid, now())`;
    await insert();
    await expect(insert()).rejects.toThrow(/coupon_campaign_id_user_id_key|Unique constraint/);
    await expect(
      t.db.$executeRaw`UPDATE campaign SET percent_off = 120 WHERE id = ${campaign.id}::uuid`,
    ).rejects.toThrow(/campaign_discount_shape/);
  });
});
