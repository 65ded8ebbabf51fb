import { randomUUID } from "node:crypto";
import type { Envelope } from "@shop/contracts";
import type { Actor } from "@shop/kernel";
import { beforeEach, describe, expect, it } from "vitest";
import { claimCoupon } from "../application/claim-coupon";
import { createCampaign } from "../application/create-campaign";
import { listCampaigns } from "../application/list-campaigns";
import { listMyCoupons } from "../application/list-my-coupons";
import { listOpenCampaigns } from "../application/list-open-campaigns";
import type { CouponDeps } from "../application/ports";
import { restoreCoupon } from "../application/restore-coupon";
import { useCoupon } from "../application/use-coupon";
import type { NewCampaign } from "../domain/campaign";
import type { UseRequest } from "../domain/redemption";
import { aCommand, ADMIN, ANN, aNewCampaign, BOB, hours, T0, type fakeClock } from "./fixtures";
import { errorOf, valueOf } from "./results";

/*
 * One expectation set for both stores (EXAMPLES.md: two adapters, one expectation set), seen
 * only through the use cases: store.test.ts runs it on the in-memory adapters,
 * store.int.test.ts on PostgreSQL.
 */

export interface StoreHarness {
  /** Empties the store; the deps' clock is set back to T0. */
  reset(): Promise<void>;
  deps(): CouponDeps & { clock: ReturnType<typeof fakeClock> };
  /** The replies committed to the outbox so far, oldest first. */
  sent(): Promise<Envelope[]>;
}

export function couponStoreContract(name: string, harness: StoreHarness) {
  describe(`${name}: the coupon store contract`, () => {
    let deps: ReturnType<StoreHarness["deps"]>;
    beforeEach(async () => {
      await harness.reset();
      deps = harness.deps();
      deps.clock.set(T0);
    });

    const campaign = async (overrides: Partial<NewCampaign> = {}) =>
      valueOf(await createCampaign(deps, ADMIN, aNewCampaign(overrides)));
    const claim = (actor: Actor, campaignId: string) => claimCoupon(deps, actor, campaignId);
    const shopper = (): Actor => ({ role: "shopper", userId: randomUUID() });

    describe("campaigns and claims", () => {
      it("stores a campaign and lists it for admins with its counts", async () => {
        const c = await campaign({ name: "Spring", quantity: 3 });
        expect(valueOf(await listCampaigns(deps, ADMIN))).toEqual([
          { ...c, issued: 0, used: 0, remaining: 3, phase: "open" },
        ]);
      });

      it("issues one coupon per user, exactly the quantity, then sold out", async () => {
        const c = await campaign({ quantity: 2 });
        const coupon = valueOf(await claim(ANN, c.id));
        expect(coupon).toMatchObject({ campaignId: c.id, userId: ANN.userId, status: "available" });
        errorOf(await claim(ANN, c.id), "ALREADY_CLAIMED");
        valueOf(await claim(BOB, c.id));
        errorOf(await claim(shopper(), c.id), "SOLD_OUT");
        // A holder asking again after the sell-out is told they hold one.
        errorOf(await claim(BOB, c.id), "ALREADY_CLAIMED");
        const [listed] = valueOf(await listCampaigns(deps, ADMIN));
        expect(listed).toMatchObject({ issued: 2, remaining: 0, used: 0 });
      });

      it("issues exactly the quantity to concurrent claimers, one each", async () => {
        const c = await campaign({ quantity: 5 });
        const users = Array.from({ length: 20 }, shopper);
        const results = await Promise.all(
          [...users, ...users.slice(0, 10)].map((u) => claim(u, c.id)),
        );
        const issued = results.filter((r) => r.ok).map((r) => valueOf(r).userId);
        expect(issued).toHaveLength(5);
        expect(new Set(issued).size).toBe(5);
        for (const r of results.filter((r) => !r.ok))
          expect(["SOLD_OUT", "ALREADY_CLAIMED"]).toContain(r.ok ? "" : r.error.code);
      });

      it("refuses claims before the start, from the end, and on an unknown campaign", async () => {
        const c = await campaign({ validFrom: hours(1), validTo: hours(2) });
        errorOf(await claim(ANN, c.id), "CAMPAIGN_NOT_STARTED");
        deps.clock.set(hours(2));
        errorOf(await claim(ANN, c.id), "CAMPAIGN_ENDED");
        errorOf(await claim(ANN, randomUUID()), "NOT_FOUND");
        expect(valueOf(await listCampaigns(deps, ADMIN))[0]?.issued).toBe(0);
      });

      it("lists open campaigns ending soonest first, with remaining and the caller's claim", async () => {
        const later = await campaign({ name: "Later", validTo: hours(10) });
        const sooner = await campaign({ name: "Sooner", validTo: hours(5), quantity: 1 });
        await campaign({ name: "Upcoming", validFrom: hours(1) });
        valueOf(await claim(ANN, sooner.id));
        const forBob = await listOpenCampaigns(deps, BOB);
        expect(forBob.map((c) => [c.name, c.remaining, c.claimed])).toEqual([
          ["Sooner", 0, false],
          ["Later", 100, false],
        ]);
        const forAnn = await listOpenCampaigns(deps, ANN);
        expect(forAnn.map((c) => c.claimed)).toEqual([true, false]);
        expect(forAnn[1]?.id).toBe(later.id);
      });

      it("lists a user's own coupons only, latest first, with their status", async () => {
        const short = await campaign({ name: "Short", validTo: hours(1) });
        const long = await campaign({ name: "Long" });
        valueOf(await claim(ANN, short.id));
        deps.clock.advance(1_000);
        valueOf(await claim(ANN, long.id));
        valueOf(await claim(BOB, long.id));
        deps.clock.set(hours(1));
        const mine = valueOf(await listMyCoupons(deps, ANN));
        expect(mine.map((k) => [k.campaign.name, k.status])).toEqual([
          ["Long", "available"],
          ["Short", "expired"],
        ]);
      });
    });

    describe("the saga's use and restore", () => {
      let couponId: string;
      let campaignId: string;
      const orderId = randomUUID();
      const use = (overrides: Partial<UseRequest> = {}): UseRequest => ({
        couponId,
        orderId,
        userId: ANN.userId!,
        orderAmountCents: 4_500,
        ...overrides,
      });
      const reply = async (handled: Promise<{ duplicate: boolean; reply?: unknown }>) => {
        const h = await handled;
        expect(h.duplicate).toBe(false);
        return h.reply;
      };
      const statusOfAnns = async () => valueOf(await listMyCoupons(deps, ANN))[0]?.status;

      beforeEach(async () => {
        campaignId = (await campaign({ minOrderCents: 2_000, validTo: hours(10) })).id;
        couponId = valueOf(await claim(ANN, campaignId)).id;
      });

      it("uses a coupon once per order: a re-sent use gets the same reply; a redelivery nothing", async () => {
        const command = aCommand(orderId);
        const first = await reply(useCoupon(deps, command, use()));
        expect(first).toEqual({ kind: "used", orderId, couponId, discountCents: 450 });
        expect(await useCoupon(deps, command, use())).toEqual({ duplicate: true });
        deps.clock.advance(1_000);
        expect(
          await reply(useCoupon(deps, aCommand(orderId), use({ orderAmountCents: 9_000 }))),
        ).toEqual(first);
        expect(await statusOfAnns()).toBe("used");
        expect(valueOf(await listCampaigns(deps, ADMIN))[0]?.used).toBe(1);

        const sent = await harness.sent();
        expect(sent.map((m) => [m.type, m.payload, m.correlationId])).toEqual([
          ["coupon.used", { orderId, couponId, discountCents: 450 }, orderId],
          ["coupon.used", { orderId, couponId, discountCents: 450 }, orderId],
        ]);
        expect(sent[0]?.causationId).toBe(command.messageId);
      });

      it("rejects with each reason, and a rejected order stays rejected", async () => {
        const cases: [Partial<UseRequest>, string][] = [
          [{ couponId: randomUUID() }, "NOT_FOUND"],
          [{ userId: BOB.userId! }, "NOT_YOURS"],
          [{ orderAmountCents: 1_999 }, "BELOW_MINIMUM"],
        ];
        for (const [overrides, reason] of cases) {
          const request = use({ orderId: randomUUID(), ...overrides });
          expect(await reply(useCoupon(deps, aCommand(request.orderId), request))).toMatchObject({
            kind: "rejected",
            reason,
          });
        }
        const mine = use({ orderId: randomUUID() });
        await reply(useCoupon(deps, aCommand(mine.orderId), mine));
        const other = use({ orderId: randomUUID() });
        expect(await reply(useCoupon(deps, aCommand(other.orderId), other))).toMatchObject({
          reason: "ALREADY_USED",
        });
        await reply(restoreCoupon(deps, aCommand(mine.orderId), mine.orderId));
        // Free again, but the order told "already used" is told the same again.
        expect(await reply(useCoupon(deps, aCommand(other.orderId), other))).toMatchObject({
          reason: "ALREADY_USED",
        });
        expect(await statusOfAnns()).toBe("available");

        deps.clock.set(hours(10));
        const late = use({ orderId: randomUUID() });
        expect(await reply(useCoupon(deps, aCommand(late.orderId), late))).toMatchObject({
          reason: "EXPIRED",
        });
      });

      it("restores once: a second restore changes nothing, even after the coupon moved on", async () => {
        await reply(useCoupon(deps, aCommand(orderId), use()));
        expect(await reply(restoreCoupon(deps, aCommand(orderId), orderId))).toEqual({
          kind: "restored",
          orderId,
        });
        expect(await statusOfAnns()).toBe("available");
        const next = use({ orderId: randomUUID() });
        await reply(useCoupon(deps, aCommand(next.orderId), next));
        expect(await reply(restoreCoupon(deps, aCommand(orderId), orderId))).toEqual({
          kind: "restored",
          orderId,
        });
        expect(await statusOfAnns()).toBe("used");
        // And a late use for the restored order is refused.
        expect(await reply(useCoupon(deps, aCommand(orderId), use()))).toMatchObject({
          kind: "rejected",
          reason: "ORDER_RESTORED",
        });
      });

      it("a restore before the use makes the late use refused, and the coupon stays free", async () => {
        expect(await reply(restoreCoupon(deps, aCommand(orderId), orderId))).toEqual({
          kind: "restored",
          orderId,
        });
        expect(await reply(useCoupon(deps, aCommand(orderId), use()))).toEqual({
          kind: "rejected",
          orderId,
          couponId,
          reason: "ORDER_RESTORED",
        });
        expect(await statusOfAnns()).toBe("available");
        const sent = await harness.sent();
        expect(sent.map((m) => m.type)).toEqual(["coupon.restored", "coupon.rejected"]);
      });

      it("a command whose work fails commits nothing: no change, no reply, no inbox record", async () => {
        const command = aCommand(orderId);
        const failing = {
          ...deps,
          saga: {
            handle: (ref: typeof command, work: Parameters<CouponDeps["saga"]["handle"]>[1]) =>
              deps.saga.handle(ref, async (store) => {
                await work(store);
                throw new Error("connection reset");
              }),
          },
        };
        await expect(useCoupon(failing, command, use())).rejects.toThrow("connection reset");
        expect(await statusOfAnns()).toBe("available");
        expect(await harness.sent()).toEqual([]);
        expect(await reply(useCoupon(deps, command, use()))).toMatchObject({ kind: "used" });
      });

      it("concurrent uses of one order apply once and all get the same reply", async () => {
        const replies = await Promise.all(
          Array.from({ length: 5 }, () => reply(useCoupon(deps, aCommand(orderId), use()))),
        );
        expect(new Set(replies.map((r) => JSON.stringify(r))).size).toBe(1);
        expect(replies[0]).toMatchObject({ kind: "used" });
        expect(valueOf(await listCampaigns(deps, ADMIN))[0]?.used).toBe(1);
      });

      it("concurrent uses of one coupon by different orders: exactly one gets it", async () => {
        const orders = Array.from({ length: 6 }, () => randomUUID());
        const replies = await Promise.all(
          orders.map((o) => reply(useCoupon(deps, aCommand(o), use({ orderId: o })))),
        );
        const kinds = replies.map((r) => (r as { kind: string; reason?: string }).reason ?? "used");
        expect(kinds.filter((k) => k === "used")).toHaveLength(1);
        expect(kinds.filter((k) => k === "ALREADY_USED")).toHaveLength(5);
      });
    });
  });
}
