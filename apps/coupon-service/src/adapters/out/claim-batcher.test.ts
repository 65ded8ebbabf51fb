import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ClaimOutcome, NewClaim } from "../../application/ports";
import { aCampaign, T0 } from "../../test/fixtures";
import type { ClaimBatchStore } from "./claim-batch";
import { ClaimBatcher } from "./claim-batcher";
import { InMemoryCouponStore } from "./memory/store";

const claimOn = (campaignId: string, userId: string = randomUUID()): NewClaim => ({
  campaignId,
  couponId: randomUUID(),
  userId,
  at: T0,
});

/** A store that records each batch it is sent, in front of the in-memory one. */
function recording(inner: ClaimBatchStore) {
  const batches: { campaignId: string; size: number }[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const store: ClaimBatchStore = {
    claimBatch: async (campaignId, claims) => {
      batches.push({ campaignId, size: claims.length });
      maxConcurrent = Math.max(maxConcurrent, ++concurrent);
      await new Promise((r) => setTimeout(r, 5));
      try {
        return await inner.claimBatch(campaignId, claims);
      } finally {
        concurrent--;
      }
    },
  };
  return { store, batches, maxConcurrent: () => maxConcurrent };
}

describe("ClaimBatcher", () => {
  it("sends claims arriving together as one batch, answering each with its own outcome", async () => {
    const memory = new InMemoryCouponStore();
    const campaign = aCampaign({ quantity: 2 });
    await memory.insert(campaign);
    const { store, batches } = recording(memory);
    const batcher = new ClaimBatcher({ store });
    const ann = randomUUID();
    const outcomes = await Promise.all([
      batcher.claim(claimOn(campaign.id, ann)),
      batcher.claim(claimOn(campaign.id, ann)),
      batcher.claim(claimOn(campaign.id)),
      batcher.claim(claimOn(campaign.id)),
    ]);
    expect(outcomes.map(kindOf)).toEqual(["issued", "already-claimed", "issued", "sold-out"]);
    expect(batches).toEqual([{ campaignId: campaign.id, size: 4 }]);
  });

  it("keeps one batch per campaign in flight; what arrives meanwhile goes next, up to maxBatch", async () => {
    const memory = new InMemoryCouponStore();
    const campaign = aCampaign({ quantity: 1_000 });
    await memory.insert(campaign);
    const { store, batches, maxConcurrent } = recording(memory);
    const batcher = new ClaimBatcher({ store, maxBatch: 100 });
    const first = batcher.claim(claimOn(campaign.id));
    await new Promise((r) => setTimeout(r, 3)); // the first batch is in flight now
    const rest = Array.from({ length: 250 }, () => batcher.claim(claimOn(campaign.id)));
    const outcomes = await Promise.all([first, ...rest]);
    expect(outcomes.every((o) => o.kind === "issued")).toBe(true);
    expect(batches.map((b) => b.size)).toEqual([1, 100, 100, 50]);
    expect(maxConcurrent()).toBe(1);
    expect(memory.campaigns.get(campaign.id)?.issued).toBe(251);
  });

  it("runs batches of different campaigns side by side", async () => {
    const memory = new InMemoryCouponStore();
    const [a, b] = [aCampaign(), aCampaign()];
    await memory.insert(a);
    await memory.insert(b);
    const { store, batches } = recording(memory);
    const batcher = new ClaimBatcher({ store });
    await Promise.all([batcher.claim(claimOn(a.id)), batcher.claim(claimOn(b.id))]);
    expect(batches.map((x) => x.campaignId).sort()).toEqual([a.id, b.id].sort());
  });

  it("fails every claim of a batch whose transaction failed, and goes on with the next", async () => {
    const memory = new InMemoryCouponStore();
    const campaign = aCampaign();
    await memory.insert(campaign);
    let calls = 0;
    const batcher = new ClaimBatcher({
      store: {
        claimBatch: async (id, claims) => {
          if (calls++ === 0) throw new Error("connection lost");
          return memory.claimBatch(id, claims);
        },
      },
    });
    const failed = [batcher.claim(claimOn(campaign.id)), batcher.claim(claimOn(campaign.id))];
    for (const f of failed) await expect(f).rejects.toThrow("connection lost");
    expect(kindOf(await batcher.claim(claimOn(campaign.id)))).toBe("issued");
  });

  it("stop() resolves once every waiting claim is answered", async () => {
    const memory = new InMemoryCouponStore();
    const campaign = aCampaign();
    await memory.insert(campaign);
    const batcher = new ClaimBatcher({ store: recording(memory).store, lingerMs: 20 });
    await batcher.stop(); // idle: at once
    let answered = 0;
    for (let i = 0; i < 5; i++) void batcher.claim(claimOn(campaign.id)).then(() => answered++);
    await batcher.stop();
    expect(answered).toBe(5);
  });
});

function kindOf(o: ClaimOutcome): string {
  return o.kind === "refused" ? o.refusal : o.kind;
}
