import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  couponRejected,
  couponRestore,
  couponRestored,
  couponUse,
  couponUsed,
  COUPON_COMMANDS,
  createMessage,
} from "@shop/contracts";
import { startParticipantHarness, type ParticipantHarness } from "@shop/messaging/testing";
import { claimCoupon } from "../../../application/claim-coupon";
import { createCampaign } from "../../../application/create-campaign";
import { couponDeps } from "../../../deps";
import { ADMIN, ANN, aNewCampaign } from "../../../test/fixtures";
import { truncateCoupons, useTestDatabase } from "../../../test/database";
import { valueOf } from "../../../test/results";
import { couponCommandHandlers } from "./coupon-commands";

/*
 * The saga step as it runs in production, on the real PostgreSQL and RabbitMQ: commands
 * arrive on the service's queue; the handler changes state, records the message and appends
 * its reply in one transaction; the relay publishes the reply, which an orchestrator's queue
 * receives.
 */

const t = useTestDatabase(10);
let h: ParticipantHarness;

beforeAll(async () => {
  h = await startParticipantHarness({
    databaseUrl: t.url,
    commands: COUPON_COMMANDS,
    handlers: couponCommandHandlers(couponDeps(t.db)),
    replies: [couponUsed, couponRejected, couponRestored],
    connectionName: "coupon-service-test",
  });
});

afterAll(() => h?.close());

let couponId: string;
beforeEach(async () => {
  await truncateCoupons(t.db);
  h.clear();
  const deps = couponDeps(t.db);
  const campaign = valueOf(
    await createCampaign(deps, ADMIN, {
      ...aNewCampaign({ minOrderCents: 2_000 }),
      validFrom: new Date(Date.now() - 60_000),
      validTo: new Date(Date.now() + 3_600_000),
    }),
  );
  couponId = valueOf(await claimCoupon(deps, ANN, campaign.id)).id;
});

const use = (orderId: string, overrides: { orderAmountCents?: number; userId?: string } = {}) =>
  createMessage(
    couponUse,
    { couponId, orderId, userId: ANN.userId!, orderAmountCents: 4_500, ...overrides },
    { correlationId: orderId },
  );
const restore = (orderId: string) =>
  createMessage(couponRestore, { orderId }, { correlationId: orderId });
const repliesFor = (orderId: string) => h.replies.filter((m) => m.correlationId === orderId);
const wait = { timeout: 10_000, interval: 20 };
const usedRow = async () =>
  (await t.db.coupon.findUniqueOrThrow({ where: { id: couponId } })).usedOrderId;

describe("coupon commands over RabbitMQ", () => {
  it("uses a coupon and replies with the discount, to the order's saga", async () => {
    const orderId = randomUUID();
    const command = use(orderId);
    await h.transport.publish([command]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    expect(repliesFor(orderId)[0]).toMatchObject({
      type: "coupon.used",
      correlationId: orderId,
      causationId: command.messageId,
      payload: { orderId, couponId, discountCents: 450 },
    });
    expect(await usedRow()).toBe(orderId);
  });

  it("the same command delivered twice applies once and replies once", async () => {
    const orderId = randomUUID();
    const command = use(orderId);
    await h.transport.publish([command]);
    await h.transport.publish([command]); // a publisher's retry after a lost confirm
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    await vi.waitFor(
      async () =>
        expect(
          (
            await h.pool.query("SELECT count(*)::int AS n FROM inbox WHERE message_id = $1", [
              command.messageId,
            ])
          ).rows[0].n,
        ).toBe(1),
      wait,
    );
    await new Promise((r) => setTimeout(r, 300)); // no second reply on its way
    expect(repliesFor(orderId)).toHaveLength(1);
    expect(await t.db.redemption.count()).toBe(1);
  });

  it("a use re-sent for the same order gets the same reply; restore twice restores once", async () => {
    const orderId = randomUUID();
    await h.transport.publish([use(orderId)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    await h.transport.publish([use(orderId, { orderAmountCents: 99_000 })]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(2), wait);
    expect(repliesFor(orderId)[1]?.payload).toEqual(repliesFor(orderId)[0]?.payload);

    await h.transport.publish([restore(orderId)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(3), wait);
    expect(await usedRow()).toBeNull();
    // Meanwhile the coupon goes on another order; the second restore must leave it there.
    const next = randomUUID();
    await h.transport.publish([use(next)]);
    await vi.waitFor(() => expect(repliesFor(next)).toHaveLength(1), wait);
    await h.transport.publish([restore(orderId)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(4), wait);
    expect(
      repliesFor(orderId)
        .slice(2)
        .map((m) => [m.type, m.payload]),
    ).toEqual([
      ["coupon.restored", { orderId }],
      ["coupon.restored", { orderId }],
    ]);
    expect(await usedRow()).toBe(next);
  });

  it("a restore before the use: the late use is rejected ORDER_RESTORED", async () => {
    const orderId = randomUUID();
    await h.transport.publish([restore(orderId)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    await h.transport.publish([use(orderId)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(2), wait);
    expect(repliesFor(orderId).map((m) => [m.type, m.payload])).toEqual([
      ["coupon.restored", { orderId }],
      ["coupon.rejected", { orderId, couponId, reason: "ORDER_RESTORED" }],
    ]);
    expect(await usedRow()).toBeNull();
  });

  it("rejects another user's coupon (NOT_YOURS)", async () => {
    const orderId = randomUUID();
    await h.transport.publish([use(orderId, { userId: randomUUID() })]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    expect(repliesFor(orderId)[0]).toMatchObject({
      type: "coupon.rejected",
      payload: { reason: "NOT_YOURS" },
    });
    expect(await usedRow()).toBeNull();
  });

  it("dead-letters malformed commands with their reason, changes nothing, and goes on", async () => {
    const orderId = randomUUID();
    const valid = use(orderId);
    const offSchema = {
      ...valid,
      messageId: randomUUID(),
      payload: { ...valid.payload, orderAmountCents: "lots" },
    };
    await h.transport.publishRaw("coupon.use", Buffer.from(JSON.stringify(offSchema)));
    await h.transport.publishRaw("coupon.restore", Buffer.from("{not json"));
    await h.transport.publishRaw(
      "coupon.use",
      Buffer.from(JSON.stringify({ ...valid, messageId: randomUUID(), version: 9 })),
    );
    await vi.waitFor(() => expect(h.dead).toHaveLength(3), wait);
    expect(h.dead.map((d) => d.info?.reason).sort()).toEqual([
      "invalid_json",
      "invalid_payload",
      "unsupported_version",
    ]);
    const payloadFault = h.dead.find((d) => d.info?.reason === "invalid_payload");
    expect(payloadFault?.info?.detail).toContain("orderAmountCents");
    expect(payloadFault?.info?.queue).toBe(h.commands.name);
    expect(await usedRow()).toBeNull();
    expect(await t.db.redemption.count()).toBe(0);
    expect((await h.pool.query("SELECT count(*)::int AS n FROM inbox")).rows[0].n).toBe(0);

    // The consumer is still there: a valid command after them is handled.
    await h.transport.publish([valid]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    expect(await usedRow()).toBe(orderId);
  });
});
