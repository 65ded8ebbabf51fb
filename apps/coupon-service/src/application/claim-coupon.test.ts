import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@shop/kernel";
import { claimCoupon } from "./claim-coupon";
import { listMyCoupons } from "./list-my-coupons";
import { listOpenCampaigns } from "./list-open-campaigns";
import {
  aCampaign,
  ADMIN,
  ANN,
  BOB,
  hours,
  memoryDeps,
  T0,
  VISITOR,
  type MemoryDeps,
} from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";
import type { Campaign } from "../domain/campaign";

const shopper = (n: number): Actor => ({
  role: "shopper",
  userId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
});

describe("claimCoupon", () => {
  let deps: MemoryDeps;
  let campaign: Campaign;
  beforeEach(async () => {
    deps = memoryDeps();
    campaign = aCampaign({ quantity: 3 });
    await deps.campaigns.insert(campaign);
  });

  it("issues a coupon to the signed-in user, available now", async () => {
    const coupon = valueOf(await claimCoupon(deps, ANN, campaign.id));
    expect(coupon).toMatchObject({
      campaignId: campaign.id,
      userId: ANN.userId,
      claimedAt: T0,
      usedOrderId: null,
      status: "available",
      campaign: { id: campaign.id, issued: 1 },
    });
    expect(deps.store.campaigns.get(campaign.id)?.issued).toBe(1);
  });

  it("gives each user one coupon per campaign", async () => {
    valueOf(await claimCoupon(deps, ANN, campaign.id));
    const again = errorOf(await claimCoupon(deps, ANN, campaign.id), "ALREADY_CLAIMED");
    expect(again).toEqual({ code: "ALREADY_CLAIMED", campaignId: campaign.id });
    expect(deps.store.campaigns.get(campaign.id)?.issued).toBe(1);
    // An admin is a user too, with a coupon of their own.
    valueOf(await claimCoupon(deps, ADMIN, campaign.id));
  });

  it("issues exactly the quantity, then says sold out", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => claimCoupon(deps, shopper(i + 1), campaign.id)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results.filter((r) => !r.ok)) errorOf(r, "SOLD_OUT");
    expect(deps.store.campaigns.get(campaign.id)?.issued).toBe(3);
    expect(deps.store.coupons.size).toBe(3);
  });

  it("refuses before the start and from the end, saying when", async () => {
    const later = aCampaign({ validFrom: hours(2), validTo: hours(5) });
    await deps.campaigns.insert(later);
    expect(errorOf(await claimCoupon(deps, ANN, later.id), "CAMPAIGN_NOT_STARTED").opensAt).toEqual(
      hours(2),
    );
    deps.clock.set(hours(5));
    expect(errorOf(await claimCoupon(deps, ANN, later.id), "CAMPAIGN_ENDED").endedAt).toEqual(
      hours(5),
    );
    expect(deps.store.coupons.size).toBe(0);
  });

  it("answers NOT_FOUND for an unknown campaign", async () => {
    const id = "00000000-0000-4000-8000-00000000ffff";
    expect(errorOf(await claimCoupon(deps, ANN, id), "NOT_FOUND").message).toBe(
      `No campaign with id ${id}`,
    );
  });

  it("is for signed-in users: a visitor is refused", async () => {
    errorOf(await claimCoupon(deps, VISITOR, campaign.id), "FORBIDDEN");
    expect(deps.store.coupons.size).toBe(0);
  });
});

describe("listOpenCampaigns and listMyCoupons", () => {
  it("lists what is open now with the remaining count, and whether the caller holds one", async () => {
    const deps = memoryDeps();
    const open = aCampaign({ name: "Open", quantity: 2, validTo: hours(3) });
    const soldOut = aCampaign({ name: "Sold out", quantity: 1, validTo: hours(2) });
    const upcoming = aCampaign({ name: "Upcoming", validFrom: hours(1) });
    const ended = aCampaign({ name: "Ended", validFrom: hours(-5), validTo: hours(-1) });
    for (const c of [open, soldOut, upcoming, ended]) await deps.campaigns.insert(c);
    valueOf(await claimCoupon(deps, BOB, soldOut.id));
    valueOf(await claimCoupon(deps, ANN, open.id));

    const forAnn = await listOpenCampaigns(deps, ANN);
    expect(forAnn.map((c) => [c.name, c.remaining, c.claimed])).toEqual([
      ["Sold out", 0, false],
      ["Open", 1, true],
    ]);
    const forVisitor = await listOpenCampaigns(deps, VISITOR);
    expect(forVisitor.map((c) => c.claimed)).toEqual([false, false]);
  });

  it("lists the user's own coupons, latest first, as available, used or expired", async () => {
    const deps = memoryDeps();
    const short = aCampaign({ name: "Short", validTo: hours(1) });
    const long = aCampaign({ name: "Long", validTo: hours(48) });
    const third = aCampaign({ name: "Third" });
    for (const c of [short, long, third]) await deps.campaigns.insert(c);
    const a = valueOf(await claimCoupon(deps, ANN, short.id));
    deps.clock.advance(60_000);
    valueOf(await claimCoupon(deps, ANN, long.id));
    deps.clock.advance(60_000);
    const c = valueOf(await claimCoupon(deps, ANN, third.id));
    valueOf(await claimCoupon(deps, BOB, third.id));
    deps.store.coupons.set(c.id, {
      ...deps.store.coupons.get(c.id)!,
      usedOrderId: "00000000-0000-4000-8000-0000000000c1",
      usedAt: T0,
    });

    deps.clock.set(hours(2));
    const mine = valueOf(await listMyCoupons(deps, ANN));
    expect(mine.map((k) => [k.campaign.name, k.status])).toEqual([
      ["Third", "used"],
      ["Long", "available"],
      ["Short", "expired"],
    ]);
    expect(mine.every((k) => k.userId === ANN.userId)).toBe(true);
    expect(mine.at(-1)?.id).toBe(a.id);
    errorOf(await listMyCoupons(deps, VISITOR), "FORBIDDEN");
  });
});
