import { beforeEach, describe, expect, it } from "vitest";
import { createCampaign } from "./create-campaign";
import { listCampaigns } from "./list-campaigns";
import {
  ADMIN,
  ANN,
  aNewCampaign,
  hours,
  memoryDeps,
  T0,
  VISITOR,
  type MemoryDeps,
} from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";

describe("createCampaign", () => {
  let deps: MemoryDeps;
  beforeEach(() => {
    deps = memoryDeps();
  });

  it("stores an admin's campaign with nothing issued, open from its start", async () => {
    const created = valueOf(await createCampaign(deps, ADMIN, aNewCampaign()));
    expect(created).toEqual({
      id: "00000000-0000-4000-8000-000000000001",
      ...aNewCampaign(),
      issued: 0,
      used: 0,
      remaining: 100,
      phase: "open",
      createdAt: T0,
    });
    expect(deps.store.campaigns.get(created.id)).toMatchObject({ quantity: 100, issued: 0 });
  });

  it("refuses bad fields with a message each, storing nothing", async () => {
    const error = errorOf(
      await createCampaign(
        deps,
        ADMIN,
        aNewCampaign({
          discount: { kind: "percent", percentOff: 150, maxDiscountCents: 500 },
          validFrom: hours(5),
          validTo: hours(1),
          quantity: 0,
        }),
      ),
      "VALIDATION_FAILED",
    );
    expect(error.fieldErrors).toEqual({
      "discount.percentOff": ["At most 100%"],
      quantity: ["Quantity must be at least 1"],
      validTo: ["End must be after the start"],
    });
    expect(deps.store.campaigns.size).toBe(0);
  });

  it("is for admins only", async () => {
    for (const actor of [ANN, VISITOR])
      expect(errorOf(await createCampaign(deps, actor, aNewCampaign()), "FORBIDDEN").message).toBe(
        "Only admins manage campaigns",
      );
    expect(deps.store.campaigns.size).toBe(0);
  });
});

describe("listCampaigns", () => {
  it("lists every campaign newest first with its counts and phase, for admins only", async () => {
    const deps = memoryDeps();
    const first = valueOf(await createCampaign(deps, ADMIN, aNewCampaign({ name: "First" })));
    deps.clock.advance(60_000);
    const later = valueOf(
      await createCampaign(deps, ADMIN, aNewCampaign({ name: "Later", validFrom: hours(10) })),
    );
    deps.store.campaigns.get(first.id)!.issued = 2;
    deps.store.coupons.set("k1", {
      id: "k1",
      campaignId: first.id,
      userId: ANN.userId!,
      claimedAt: T0,
      usedOrderId: "00000000-0000-4000-8000-0000000000c1",
      usedAt: T0,
    });
    const list = valueOf(await listCampaigns(deps, ADMIN));
    expect(list.map((c) => [c.name, c.issued, c.used, c.remaining, c.phase])).toEqual([
      ["Later", 0, 0, 100, "upcoming"],
      ["First", 2, 1, 98, "open"],
    ]);
    expect(later.phase).toBe("upcoming");
    errorOf(await listCampaigns(deps, ANN), "FORBIDDEN");
  });
});
