import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  databaseCheck,
  startServiceServer,
  type ReadinessCheck,
  type ServiceServer,
} from "@shop/service-kit";
import {
  capturingLog,
  clientFailure,
  credentialClients,
  expectBadCredentialsRefused,
  expectCredentialRequired,
  testCredentials,
} from "@shop/service-kit/test-fixtures";
import type { Actor, CreateCampaignInput } from "@shop/contracts";
import { couponServiceRouter, type CouponServiceRouter } from "./router";
import { createContextFactory } from "./trpc";
import { couponDeps } from "../../../deps";
import type { CouponDeps } from "../../../application/ports";
import { truncateCoupons, useTestDatabase } from "../../../test/database";
import { fakeClock } from "../../../test/fixtures";

const t = useTestDatabase(20);
/** The tests play the BFF: they hold its private key; the service verifies its own audience. */
const bff = testCredentials();
const verifier = bff.verifier("coupon-service");

/** Everything the service logs, at every level, as the JSON lines pino writes. */
const { log, lines: logLines } = capturingLog("coupon-service-test");

const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const clock = fakeClock(NOW);
const inHours = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString();

const ADMIN: Actor = { role: "admin", userId: randomUUID(), clientIp: "203.0.113.1" };
const ANN: Actor = { role: "shopper", userId: randomUUID(), clientIp: "203.0.113.2" };
const BOB: Actor = { role: "shopper", userId: randomUUID(), clientIp: "203.0.113.3" };
const VISITOR: Actor = { role: "visitor", clientIp: "203.0.113.4" };

let deps: CouponDeps;
let server: ServiceServer;

const start = (
  d: CouponDeps,
  readiness: Record<string, ReadinessCheck> = { database: databaseCheck(t.db) },
) =>
  startServiceServer({
    name: "coupon-service",
    router: couponServiceRouter,
    createContext: createContextFactory({ deps: d, log, verifier }),
    host: "127.0.0.1",
    port: 0,
    logger: log,
    readiness,
    shutdownGraceMs: 1_000,
  });

beforeAll(async () => {
  deps = couponDeps(t.db, { clock });
  server = await start(deps);
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  await truncateCoupons(t.db);
  clock.set(NOW);
});

/** Every credential the tests sent (`tokens`): none may appear in a log. */
const { clientWith, tokens } = credentialClients<CouponServiceRouter>(() => server.url);
type Client = ReturnType<typeof clientWith>;

/** A client whose every request carries a fresh credential the BFF would sign for `actor`. */
const as = (actor: Actor, url?: string) =>
  clientWith(() => bff.bearer(actor, "coupon-service"), url);

const welcome = (overrides: Partial<CreateCampaignInput> = {}): CreateCampaignInput => ({
  name: "Welcome 10% off",
  discount: { kind: "percent", percentOff: 10, maxDiscountCents: 1_000 },
  quantity: 3,
  validFrom: inHours(-1),
  validTo: inHours(24),
  minOrderCents: 2_000,
  ...overrides,
});

const createAsAdmin = (overrides: Partial<CreateCampaignInput> = {}) =>
  as(ADMIN).admin.campaigns.create.mutate(welcome(overrides));

describe("couponServiceRouter over HTTP", () => {
  it("answers /health, and /ready naming a failed dependency", async () => {
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({
      status: "ok",
      service: "coupon-service",
    });
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    const noBroker = await start(deps, {
      database: databaseCheck(t.db),
      broker: async () => false,
    });
    try {
      const ready = await fetch(`${noBroker.url}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "not-ready", failed: { broker: "failed" } });
    } finally {
      await noBroker.close();
    }
  });

  describe("the internal credential", () => {
    const calls = (c: Client) => ({
      "campaigns.listOpen": () => c.campaigns.listOpen.query(),
      "campaigns.claim": () => c.campaigns.claim.mutate({ campaignId: randomUUID() }),
      "coupons.mine": () => c.coupons.mine.query(),
      "admin.campaigns.create": () => c.admin.campaigns.create.mutate(welcome()),
      "admin.campaigns.list": () => c.admin.campaigns.list.query(),
    });

    it("is required by every procedure: without one, UNAUTHORIZED and nothing happens", async () => {
      await expectCredentialRequired(calls(clientWith()));
      expect(await t.db.campaign.count()).toBe(0);
    });

    it("is checked before the input: invalid input without one is still UNAUTHORIZED", async () => {
      const error = await clientFailure(
        clientWith().admin.campaigns.create.mutate(welcome({ quantity: -1 })),
      );
      expect(error.data?.code).toBe("UNAUTHORIZED");
      expect(error.data?.fieldErrors).toBeUndefined();
    });

    it("refuses a forged, an expired, a malformed or another service's credential", async () => {
      await expectBadCredentialsRefused({
        clientWith,
        calls,
        bff,
        actor: ADMIN,
        audience: "coupon-service",
        otherAudiences: ["payment-service"],
      });
      expect(await t.db.campaign.count()).toBe(0);
    });

    it("a visitor may list open campaigns only; claiming and 'mine' need a signed-in user", async () => {
      await createAsAdmin();
      expect(await as(VISITOR).campaigns.listOpen.query()).toHaveLength(1);
      for (const call of [
        () => as(VISITOR).campaigns.claim.mutate({ campaignId: randomUUID() }),
        () => as(VISITOR).coupons.mine.query(),
      ]) {
        const error = await clientFailure(call());
        expect(error.data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 });
        expect(error.message).toBe("Sign in first");
      }
    });

    it("campaign management is for admins: a shopper is FORBIDDEN and nothing is created", async () => {
      for (const call of [
        () => as(ANN).admin.campaigns.create.mutate(welcome()),
        () => as(ANN).admin.campaigns.list.query(),
        () => as(VISITOR).admin.campaigns.list.query(),
      ]) {
        const error = await clientFailure(call());
        expect(["FORBIDDEN", "UNAUTHORIZED"]).toContain(error.data?.code);
      }
      const shopper = await clientFailure(as(ANN).admin.campaigns.create.mutate(welcome()));
      expect(shopper.data).toMatchObject({ code: "FORBIDDEN", httpStatus: 403 });
      expect(await t.db.campaign.count()).toBe(0);
    });
  });

  describe("campaigns", () => {
    it("an admin creates a campaign and lists it with issued and used counts", async () => {
      const created = await createAsAdmin({ name: "  Welcome 10% off  " });
      expect(created).toEqual({
        id: expect.any(String),
        name: "Welcome 10% off",
        discount: { kind: "percent", percentOff: 10, maxDiscountCents: 1_000 },
        quantity: 3,
        issued: 0,
        used: 0,
        remaining: 3,
        minOrderCents: 2_000,
        validFrom: inHours(-1),
        validTo: inHours(24),
        createdAt: NOW.toISOString(),
        phase: "open",
      });
      await as(ANN).campaigns.claim.mutate({ campaignId: created.id });
      const [listed] = await as(ADMIN).admin.campaigns.list.query();
      expect(listed).toMatchObject({ id: created.id, issued: 1, used: 0, remaining: 2 });
    });

    it("bad campaigns: BAD_REQUEST with a message on each field, nothing created", async () => {
      const cases: [Partial<CreateCampaignInput>, Record<string, string[]>][] = [
        [
          { discount: { kind: "percent", percentOff: 150, maxDiscountCents: 500 } },
          { "discount.percentOff": ["At most 100%"] },
        ],
        [{ validTo: inHours(-2) }, { validTo: ["End must be after the start"] }],
        [
          { validFrom: inHours(-5), validTo: inHours(-2) },
          { validTo: ["End must be in the future"] },
        ],
        [{ quantity: 0 }, { quantity: ["Quantity must be at least 1"] }],
        [{ quantity: -10 }, { quantity: ["Quantity must be at least 1"] }],
        [
          { discount: { kind: "fixed", amountOffCents: 2.5 } },
          { "discount.amountOffCents": ["Use a whole number of cents"] },
        ],
        [
          { discount: { kind: "fixed", amountOffCents: 0 } },
          { "discount.amountOffCents": ["Must be at least 1 cent"] },
        ],
        [{ minOrderCents: -1 }, { minOrderCents: ["Cannot be negative"] }],
        [{ name: "" }, { name: ["Name is required"] }],
        [{ validFrom: "next monday" }, { validFrom: ["Use a date and time with its time zone"] }],
      ];
      for (const [overrides, fieldErrors] of cases) {
        const error = await clientFailure(createAsAdmin(overrides));
        expect(error.message).toBe("Some fields are not valid");
        expect(error.data, JSON.stringify(overrides)).toMatchObject({
          code: "BAD_REQUEST",
          httpStatus: 400,
          errorCode: "VALIDATION_FAILED",
          fieldErrors,
        });
      }
      expect(await t.db.campaign.count()).toBe(0);
    });

    it("lists open campaigns with the remaining count and the caller's own claim", async () => {
      const open = await createAsAdmin({ quantity: 1 });
      await createAsAdmin({ name: "Next week", validFrom: inHours(168), validTo: inHours(200) });
      await as(ANN).campaigns.claim.mutate({ campaignId: open.id });
      const forBob = await as(BOB).campaigns.listOpen.query();
      expect(forBob).toEqual([
        {
          id: open.id,
          name: "Welcome 10% off",
          discount: open.discount,
          quantity: 1,
          remaining: 0,
          minOrderCents: 2_000,
          validFrom: open.validFrom,
          validTo: open.validTo,
          claimed: false,
        },
      ]);
      expect((await as(ANN).campaigns.listOpen.query())[0]?.claimed).toBe(true);
    });
  });

  describe("claims", () => {
    it("claims a coupon for the credential's user and lists it in 'mine'", async () => {
      const campaign = await createAsAdmin();
      const coupon = await as(ANN).campaigns.claim.mutate({ campaignId: campaign.id });
      expect(coupon).toEqual({
        id: expect.any(String),
        campaignId: campaign.id,
        campaignName: "Welcome 10% off",
        discount: campaign.discount,
        minOrderCents: 2_000,
        validTo: campaign.validTo,
        claimedAt: NOW.toISOString(),
        status: "available",
        usedAt: null,
      });
      expect(await as(ANN).coupons.mine.query()).toEqual([coupon]);
      expect(await as(BOB).coupons.mine.query()).toEqual([]);
    });

    it("a second claim: CONFLICT ALREADY_CLAIMED with a message; sold out: SOLD_OUT", async () => {
      const campaign = await createAsAdmin({ quantity: 1 });
      await as(ANN).campaigns.claim.mutate({ campaignId: campaign.id });
      const again = await clientFailure(
        as(ANN).campaigns.claim.mutate({ campaignId: campaign.id }),
      );
      expect(again.message).toBe("You already have a coupon from this campaign");
      expect(again.data).toMatchObject({
        code: "CONFLICT",
        httpStatus: 409,
        errorCode: "ALREADY_CLAIMED",
      });
      const soldOut = await clientFailure(
        as(BOB).campaigns.claim.mutate({ campaignId: campaign.id }),
      );
      expect(soldOut.message).toBe("Sold out: every coupon of this campaign has been claimed");
      expect(soldOut.data).toMatchObject({ code: "CONFLICT", errorCode: "SOLD_OUT" });
      expect(await t.db.coupon.count()).toBe(1);
    });

    it("before the start and after the end: PRECONDITION_FAILED saying when", async () => {
      const later = await createAsAdmin({ validFrom: inHours(2), validTo: inHours(3) });
      const early = await clientFailure(as(ANN).campaigns.claim.mutate({ campaignId: later.id }));
      expect(early.data).toMatchObject({
        code: "PRECONDITION_FAILED",
        httpStatus: 412,
        errorCode: "CAMPAIGN_NOT_STARTED",
      });
      expect(early.message).toMatch(/^This campaign has not started yet: it opens .+ UTC$/);
      clock.set(new Date(inHours(3)));
      const late = await clientFailure(as(ANN).campaigns.claim.mutate({ campaignId: later.id }));
      expect(late.data).toMatchObject({ code: "PRECONDITION_FAILED", errorCode: "CAMPAIGN_ENDED" });
      expect(await t.db.coupon.count()).toBe(0);
    });

    it("an unknown campaign: NOT_FOUND; a malformed id: BAD_REQUEST on campaignId", async () => {
      const id = randomUUID();
      const unknown = await clientFailure(as(ANN).campaigns.claim.mutate({ campaignId: id }));
      expect(unknown.data).toMatchObject({ code: "NOT_FOUND", errorCode: "NOT_FOUND" });
      expect(unknown.message).toBe(`No campaign with id ${id}`);
      for (const campaignId of ["42", "'; DROP TABLE coupon; --", `${id}\u0000`]) {
        const bad = await clientFailure(as(ANN).campaigns.claim.mutate({ campaignId }));
        expect(bad.data).toMatchObject({ code: "BAD_REQUEST", errorCode: "VALIDATION_FAILED" });
        expect(bad.data?.fieldErrors).toEqual({ campaignId: ["Not a valid campaign id"] });
      }
    });

    it("the user comes from the credential only, never from the input", async () => {
      const campaign = await createAsAdmin();
      const claim = as(ANN).campaigns.claim.mutate as unknown as (
        input: unknown,
      ) => Promise<unknown>;
      await claim({ campaignId: campaign.id, userId: BOB.userId });
      const raw = await fetch(
        `${server.url}/trpc/coupons.mine?input=${encodeURIComponent(JSON.stringify({ userId: ANN.userId }))}`,
        {
          headers: { authorization: await bff.bearer(BOB, "coupon-service") },
        },
      );
      expect(((await raw.json()) as { result: { data: unknown[] } }).result.data).toEqual([]);
      const stored = await t.db.coupon.findMany();
      expect(stored.map((c) => c.userId)).toEqual([ANN.userId]);
    });

    it("200 shoppers claiming at once over HTTP get exactly the 20 coupons, one each", async () => {
      const campaign = await createAsAdmin({ quantity: 20 });
      const shoppers = Array.from({ length: 200 }, (): Actor => ({
        role: "shopper",
        userId: randomUUID(),
      }));
      const outcomes = await Promise.all(
        shoppers.map((s) =>
          as(s)
            .campaigns.claim.mutate({ campaignId: campaign.id })
            .then(
              () => "issued",
              (e: { data?: { errorCode?: string } }) => e.data?.errorCode,
            ),
        ),
      );
      expect(outcomes.filter((o) => o === "issued")).toHaveLength(20);
      expect(outcomes.filter((o) => o === "SOLD_OUT")).toHaveLength(180);
      const rows = await t.db.coupon.findMany({ where: { campaignId: campaign.id } });
      expect(new Set(rows.map((r) => r.userId)).size).toBe(20);
      const [listed] = await as(ADMIN).admin.campaigns.list.query();
      expect(listed).toMatchObject({ issued: 20, remaining: 0 });
    });
  });

  describe("logs", () => {
    it("an internal error reaches the client as 'Internal error', its cause only the log", async () => {
      const broken = await start({
        ...deps,
        claims: {
          claim: async () => {
            throw new Error("connection refused (password=hunter2)");
          },
        },
      });
      try {
        const error = await clientFailure(
          as(ANN, broken.url).campaigns.claim.mutate({ campaignId: randomUUID() }),
        );
        expect(error.message).toBe("Internal error");
        expect(error.data).toMatchObject({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500 });
        expect(error.data).not.toHaveProperty("stack");
        expect(JSON.stringify(error.shape)).not.toContain("hunter2");
        expect(logLines.join("")).toContain("connection refused");
      } finally {
        await broken.close();
      }
    });

    it("never contain a credential (checked after every test above)", () => {
      const text = logLines.join("");
      expect(tokens.size).toBeGreaterThan(50);
      for (const token of tokens) expect(text).not.toContain(token);
    });
  });
});
