import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  couponRejected,
  couponRestore,
  couponRestored,
  couponUse,
  couponUsed,
  createMessage,
  type Envelope,
} from "@shop/contracts";
import {
  consumeMessages,
  deadLetterInfo,
  handler,
  queue,
  startOutboxRelay,
  type OutboxRelay,
  type RabbitTransport,
  type Subscription,
} from "@shop/messaging";
import { deleteTopology, rabbitTransport, testLog, uniqueName } from "@shop/messaging/testing";
import { claimCoupon } from "../../../application/claim-coupon";
import { createCampaign } from "../../../application/create-campaign";
import { couponDeps } from "../../../deps";
import { ADMIN, ANN, aNewCampaign } from "../../../test/fixtures";
import { truncateCoupons, useTestDatabase } from "../../../test/database";
import { valueOf } from "../../../test/results";
import { consumeCouponCommands, couponCommandsQueue } from "./coupon-commands";

/*
 * The saga step as it runs in production, on the real PostgreSQL and RabbitMQ: commands
 * arrive on the service's queue; the handler changes state, records the message and appends
 * its reply in one transaction; the relay publishes the reply, which an orchestrator's queue
 * receives.
 */

const t = useTestDatabase(10);
const commands = couponCommandsQueue(uniqueName("coupon-commands"));
const replies = queue(uniqueName("orders"), {
  bindings: [couponUsed, couponRejected, couponRestored],
});

let transport: RabbitTransport;
let pool: pg.Pool;
let relay: OutboxRelay;
const subscriptions: Subscription[] = [];
const received: Envelope[] = [];
const dead: { info: ReturnType<typeof deadLetterInfo>; body: string }[] = [];

beforeAll(async () => {
  transport = rabbitTransport({ connectionName: "coupon-service-test" });
  await transport.declare([commands, replies]);
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
  relay = startOutboxRelay({ pool, transport, log: testLog, pollIntervalMs: 200 });
  const deps = couponDeps(t.db);
  subscriptions.push(
    await consumeCouponCommands({ transport, deps, log: testLog, queue: commands }),
  );
  const record = async (m: Envelope) => void received.push(m);
  subscriptions.push(
    await consumeMessages(
      transport,
      replies,
      [
        handler(couponUsed, record),
        handler(couponRejected, record),
        handler(couponRestored, record),
      ],
      { log: testLog },
    ),
  );
  subscriptions.push(
    await transport.consume(
      commands.deadLetter,
      async (d) => {
        dead.push({ info: deadLetterInfo(d), body: d.body.toString() });
        return { outcome: "ack" };
      },
      { prefetch: 10 },
    ),
  );
});

afterAll(async () => {
  await Promise.all(subscriptions.map((s) => s.close()));
  await relay?.stop();
  await pool?.end();
  if (transport) {
    await deleteTopology(transport.exchange, [commands, replies]);
    await transport.close();
  }
});

let couponId: string;
beforeEach(async () => {
  await truncateCoupons(t.db);
  received.length = 0;
  dead.length = 0;
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
const repliesFor = (orderId: string) => received.filter((m) => m.correlationId === orderId);
const wait = { timeout: 10_000, interval: 20 };
const usedRow = async () =>
  (await t.db.coupon.findUniqueOrThrow({ where: { id: couponId } })).usedOrderId;

describe("coupon commands over RabbitMQ", () => {
  it("uses a coupon and replies with the discount, to the order's saga", async () => {
    const orderId = randomUUID();
    const command = use(orderId);
    await transport.publish([command]);
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
    await transport.publish([command]);
    await transport.publish([command]); // a publisher's retry after a lost confirm
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    await vi.waitFor(
      async () =>
        expect(
          (
            await pool.query("SELECT count(*)::int AS n FROM inbox WHERE message_id = $1", [
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
    await transport.publish([use(orderId)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    await transport.publish([use(orderId, { orderAmountCents: 99_000 })]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(2), wait);
    expect(repliesFor(orderId)[1]?.payload).toEqual(repliesFor(orderId)[0]?.payload);

    await transport.publish([restore(orderId)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(3), wait);
    expect(await usedRow()).toBeNull();
    // Meanwhile the coupon goes on another order; the second restore must leave it there.
    const next = randomUUID();
    await transport.publish([use(next)]);
    await vi.waitFor(() => expect(repliesFor(next)).toHaveLength(1), wait);
    await transport.publish([restore(orderId)]);
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
    await transport.publish([restore(orderId)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    await transport.publish([use(orderId)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(2), wait);
    expect(repliesFor(orderId).map((m) => [m.type, m.payload])).toEqual([
      ["coupon.restored", { orderId }],
      ["coupon.rejected", { orderId, couponId, reason: "ORDER_RESTORED" }],
    ]);
    expect(await usedRow()).toBeNull();
  });

  it("rejects another user's coupon (NOT_YOURS)", async () => {
    const orderId = randomUUID();
    await transport.publish([use(orderId, { userId: randomUUID() })]);
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
    await transport.publishRaw("coupon.use", Buffer.from(JSON.stringify(offSchema)));
    await transport.publishRaw("coupon.restore", Buffer.from("{not json"));
    await transport.publishRaw(
      "coupon.use",
      Buffer.from(JSON.stringify({ ...valid, messageId: randomUUID(), version: 9 })),
    );
    await vi.waitFor(() => expect(dead).toHaveLength(3), wait);
    expect(dead.map((d) => d.info?.reason).sort()).toEqual([
      "invalid_json",
      "invalid_payload",
      "unknown_message",
    ]);
    const payloadFault = dead.find((d) => d.info?.reason === "invalid_payload");
    expect(payloadFault?.info?.detail).toContain("orderAmountCents");
    expect(payloadFault?.info?.queue).toBe(commands.name);
    expect(await usedRow()).toBeNull();
    expect(await t.db.redemption.count()).toBe(0);
    expect((await pool.query("SELECT count(*)::int AS n FROM inbox")).rows[0].n).toBe(0);

    // The consumer is still there: a valid command after them is handled.
    await transport.publish([valid]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    expect(await usedRow()).toBe(orderId);
  });
});
