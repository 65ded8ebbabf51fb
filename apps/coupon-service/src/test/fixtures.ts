import { randomUUID } from "node:crypto";
import { COUPON_COMMANDS } from "@shop/contracts";
import type { Actor } from "@shop/kernel";
import { fakeClock, sequentialIds } from "@shop/service-kit/test-fixtures";
import type { Campaign, NewCampaign } from "../domain/campaign";
import type { ReceivedMessage } from "@shop/kernel";
import type { CouponDeps } from "../application/ports";
import { InMemoryCouponStore } from "../adapters/out/memory/store";

export { fakeClock, sequentialIds };

/** Noon on a December day: campaigns in tests open around it. */
export const T0 = new Date("2026-12-01T12:00:00.000Z");
export const hours = (n: number, from = T0) => new Date(from.getTime() + n * 3_600_000);

export const ADMIN: Actor = { role: "admin", userId: "00000000-0000-4000-8000-00000000ad01" };
export const ANN: Actor = { role: "shopper", userId: "00000000-0000-4000-8000-0000000000a1" };
export const BOB: Actor = { role: "shopper", userId: "00000000-0000-4000-8000-0000000000b1" };
export const VISITOR: Actor = { role: "visitor" };

/** A valid campaign's fields: 10% off up to $10, 100 coupons, open from an hour before T0 for a day. */
export const aNewCampaign = (overrides: Partial<NewCampaign> = {}): NewCampaign => ({
  name: "Welcome 10% off",
  discount: { kind: "percent", percentOff: 10, maxDiscountCents: 1_000 },
  quantity: 100,
  minOrderCents: 2_000,
  validFrom: hours(-1),
  validTo: hours(24),
  ...overrides,
});

/** A stored campaign (as a repository would hold it), for seeding stores directly. */
export const aCampaign = (overrides: Partial<Campaign> = {}): Campaign => ({
  id: randomUUID(),
  ...aNewCampaign(),
  issued: 0,
  createdAt: hours(-2),
  ...overrides,
});

/** A command message's reference, as a consumer would pass it. */
export const aCommand = (correlationId: string = randomUUID()): ReceivedMessage => ({
  consumer: COUPON_COMMANDS.name,
  messageId: randomUUID(),
  correlationId,
});

/** The use cases' dependencies on the in-memory store, with a fake clock and sequential ids. */
export function memoryDeps() {
  const store = new InMemoryCouponStore();
  const deps = {
    store,
    campaigns: store,
    coupons: store,
    claims: store,
    saga: store,
    clock: fakeClock(T0),
    ids: sequentialIds(),
  } satisfies CouponDeps & { store: InMemoryCouponStore };
  return deps;
}

export type MemoryDeps = ReturnType<typeof memoryDeps>;
