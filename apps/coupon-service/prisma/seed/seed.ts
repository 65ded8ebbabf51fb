/* eslint-disable no-console -- a command-line tool talks to its terminal */
import { readFileSync } from "node:fs";
import { defaultDatabaseUrl } from "@shop/service-kit/services";
import { createDb } from "../../src/adapters/out/prisma/client";
import { PrismaCampaignRepository } from "../../src/adapters/out/prisma/campaign-repository";
import { createCampaign } from "../../src/domain/campaign";
import type { Discount } from "@shop/kernel";

/**
 * The demo campaigns of campaigns.json. Idempotent and non-destructive: a campaign is matched by
 * its id and only a missing one is inserted, so coupons claimed from it and its counters
 * survive a second run.
 */
interface SeedCampaign {
  id: string;
  name: string;
  discount: Discount;
  quantity: number;
  minOrderCents: number;
  validForDays: number;
}

const { campaigns } = JSON.parse(
  readFileSync(new URL("./campaigns.json", import.meta.url), "utf8"),
) as { campaigns: SeedCampaign[] };

const url = process.env.DATABASE_URL ?? defaultDatabaseUrl("coupon-service");
const db = createDb(url, 2);
try {
  const repository = new PrismaCampaignRepository(db);
  const now = new Date();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  let added = 0;
  for (const { id, validForDays, ...fields } of campaigns) {
    if (await db.campaign.findUnique({ where: { id }, select: { id: true } })) continue;
    const validTo = new Date(today.getTime() + validForDays * 86_400_000);
    const campaign = createCampaign({ ...fields, validFrom: today, validTo }, id, now);
    if (!campaign.ok)
      throw new Error(`campaigns.json: ${fields.name}: ${JSON.stringify(campaign.error)}`);
    await repository.insert(campaign.value);
    added += 1;
  }
  console.log(`seed: ${added} demo campaigns added (${campaigns.length} in the demo data)`);
} finally {
  await db.$disconnect();
}
