import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { databaseCheck, startServiceServer, type ServiceServer } from "@shop/service-kit";
import {
  capturingLog,
  clientFailure,
  credentialClients,
  expectBadCredentialsRefused,
  expectCredentialRequired,
  testCredentials,
} from "@shop/service-kit/test-fixtures";
import type { Actor } from "@shop/contracts";
import { paymentServiceRouter, type PaymentServiceRouter } from "./router";
import { createContextFactory } from "./trpc";
import { paymentDeps } from "../../../deps";
import type { PaymentDeps } from "../../../application/ports";
import { MAX_BALANCE_CENTS, MAX_CHARGE_CENTS } from "../../../domain/wallet";
import { truncatePayments, useTestDatabase } from "../../../test/database";
import { aKey } from "../../../test/fixtures";

const t = useTestDatabase();
/** The tests play the BFF: they hold its private key; the service verifies its own audience. */
const bff = testCredentials();
const verifier = bff.verifier("payment-service");

/** Everything the service logs, at every level, as the JSON lines pino writes. */
const { log, lines: logLines } = capturingLog("payment-service-test");

const SECRET = "password=hunter2 at db.internal:5432";

let deps: PaymentDeps;
let server: ServiceServer;

const start = (d: PaymentDeps) =>
  startServiceServer({
    name: "payment-service",
    router: paymentServiceRouter,
    createContext: createContextFactory({ deps: d, log, verifier }),
    host: "127.0.0.1",
    port: 0,
    logger: log,
    readiness: { database: databaseCheck(t.db) },
    shutdownGraceMs: 1_000,
  });

beforeAll(async () => {
  deps = paymentDeps(t.db);
  server = await start(deps);
});

afterAll(async () => {
  await server?.close();
});

beforeEach(async () => {
  await truncatePayments(t.db);
});

/** Every token the tests sent (`tokens`): none may appear in a log line. */
const { clientWith, tokens } = credentialClients<PaymentServiceRouter>(() => server.url);
type Client = ReturnType<typeof clientWith>;

/** A client whose every request carries a fresh credential the BFF would sign for `actor`. */
const as = (actor: Actor, url?: string) =>
  clientWith(() => bff.bearer(actor, "payment-service"), url);
const ANN = randomUUID();
const BOB = randomUUID();
const ann = () => as({ role: "shopper", userId: ANN, clientIp: "203.0.113.7" });
const bob = () => as({ role: "shopper", userId: BOB });

const failure = clientFailure;
const entries = () => t.db.ledgerEntry.count();

describe("paymentServiceRouter over HTTP", () => {
  it("answers /health and /ready", async () => {
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({
      status: "ok",
      service: "payment-service",
    });
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
  });

  describe("internal credential", () => {
    const calls = (c: Client) => ({
      "wallet.balance": () => c.wallet.balance.query(),
      "wallet.ledger": () => c.wallet.ledger.query({}),
      "wallet.charge": () => c.wallet.charge.mutate({ amountCents: 500, idempotencyKey: aKey() }),
    });

    it("is required by every procedure: without one, UNAUTHORIZED and nothing happens", async () => {
      await expectCredentialRequired(calls(clientWith()));
      expect(await t.db.wallet.count()).toBe(0);
    });

    it("is checked before the input: invalid input without a credential is still UNAUTHORIZED", async () => {
      const error = await failure(
        clientWith().wallet.charge.mutate({ amountCents: -1, idempotencyKey: "x" }),
      );
      expect(error.data?.code).toBe("UNAUTHORIZED");
      expect(error.data?.fieldErrors).toBeUndefined();
    });

    it("refuses a forged, an expired, a malformed or another service's credential", async () => {
      await expectBadCredentialsRefused({
        clientWith,
        calls,
        bff,
        actor: { role: "shopper", userId: ANN },
        audience: "payment-service",
        otherAudiences: ["user-service", "coupon-service"],
      });
      expect(await t.db.wallet.count()).toBe(0);
    });

    it("a visitor (no user) has no wallet: UNAUTHORIZED 'Sign in first'", async () => {
      for (const [path, call] of Object.entries(calls(as({ role: "visitor" })))) {
        const error = await failure(call());
        expect(error.data?.code, path).toBe("UNAUTHORIZED");
        expect(error.message).toBe("Sign in first");
      }
      expect(await t.db.wallet.count()).toBe(0);
    });
  });

  describe("wallet.charge", () => {
    it("adds to the credential's user's balance and answers the entry", async () => {
      const result = await ann().wallet.charge.mutate({
        amountCents: 2_500,
        idempotencyKey: aKey(),
      });
      expect(result).toEqual({
        entry: {
          id: expect.any(String),
          seq: 1,
          kind: "charge",
          amountCents: 2_500,
          balanceAfterCents: 2_500,
          orderId: null,
          refundId: null,
          createdAt: expect.any(String),
        },
        balanceCents: 2_500,
        replayed: false,
      });
      expect(await ann().wallet.balance.query()).toEqual({
        balanceCents: 2_500,
        chargeableCents: MAX_CHARGE_CENTS,
      });
      expect(await bob().wallet.balance.query()).toMatchObject({ balanceCents: 0 });
    });

    it("a double-click (the same key, twice at once) charges once", async () => {
      const key = aKey();
      const client = ann();
      const [a, b] = await Promise.all([
        client.wallet.charge.mutate({ amountCents: 700, idempotencyKey: key }),
        ann().wallet.charge.mutate({ amountCents: 700, idempotencyKey: key }),
      ]);
      expect(a.entry).toEqual(b.entry);
      expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
      // A retry after a timeout, later: the same answer again.
      expect(await client.wallet.charge.mutate({ amountCents: 700, idempotencyKey: key })).toEqual({
        entry: a.entry,
        balanceCents: 700,
        replayed: true,
      });
      expect(await ann().wallet.balance.query()).toMatchObject({ balanceCents: 700 });
    });

    it.each([
      ["zero", 0],
      ["negative", -500],
      ["fractional", 12.5],
      ["a string", "100"],
    ])("refuses a %s amount with a field error; nothing changes", async (_, amountCents) => {
      const error = await failure(
        ann().wallet.charge.mutate({ amountCents: amountCents as number, idempotencyKey: aKey() }),
      );
      expect(error.data).toMatchObject({
        code: "BAD_REQUEST",
        httpStatus: 400,
        errorCode: "VALIDATION_FAILED",
      });
      expect(Object.keys(error.data?.fieldErrors ?? {})).toEqual(["amountCents"]);
      expect(await entries()).toBe(0);
      expect(await t.db.wallet.count()).toBe(0);
    });

    it("refuses more than the per-charge limit: AMOUNT_TOO_LARGE on amountCents; nothing changes", async () => {
      const error = await failure(
        ann().wallet.charge.mutate({ amountCents: MAX_CHARGE_CENTS + 1, idempotencyKey: aKey() }),
      );
      expect(error.message).toBe("You can add at most $1,000.00 at a time");
      expect(error.data).toMatchObject({
        code: "BAD_REQUEST",
        errorCode: "AMOUNT_TOO_LARGE",
        fieldErrors: { amountCents: ["You can add at most $1,000.00 at a time"] },
      });
      expect(await t.db.wallet.count()).toBe(0);
    });

    it("refuses a charge past the balance limit: BALANCE_LIMIT on amountCents, saying what fits", async () => {
      const client = ann();
      for (let i = 0; i < 9; i++)
        await client.wallet.charge.mutate({
          amountCents: MAX_CHARGE_CENTS,
          idempotencyKey: aKey(),
        });
      await client.wallet.charge.mutate({ amountCents: 99_000, idempotencyKey: aKey() });
      const error = await failure(
        client.wallet.charge.mutate({ amountCents: 1_001, idempotencyKey: aKey() }),
      );
      expect(error.data).toMatchObject({
        code: "CONFLICT",
        httpStatus: 409,
        errorCode: "BALANCE_LIMIT",
        fieldErrors: {
          amountCents: ["Your balance cannot go above $10,000.00: you can add up to $10.00 now"],
        },
      });
      expect(await client.wallet.balance.query()).toEqual({
        balanceCents: MAX_BALANCE_CENTS - 1_000,
        chargeableCents: 1_000,
      });
      expect(await entries()).toBe(10);
    });

    it("a key reused for another amount: IDEMPOTENCY_KEY_REUSED on idempotencyKey", async () => {
      const key = aKey();
      await ann().wallet.charge.mutate({ amountCents: 100, idempotencyKey: key });
      const error = await failure(
        ann().wallet.charge.mutate({ amountCents: 200, idempotencyKey: key }),
      );
      expect(error.data).toMatchObject({
        code: "CONFLICT",
        errorCode: "IDEMPOTENCY_KEY_REUSED",
        fieldErrors: { idempotencyKey: ["Already used for another amount"] },
      });
      expect(await ann().wallet.balance.query()).toMatchObject({ balanceCents: 100 });
    });

    it("refuses a malformed idempotency key", async () => {
      for (const idempotencyKey of ["", "short", `${"k".repeat(20)}\u0000`]) {
        const error = await failure(
          ann().wallet.charge.mutate({ amountCents: 100, idempotencyKey }),
        );
        expect(error.data?.fieldErrors).toHaveProperty("idempotencyKey");
      }
      expect(await entries()).toBe(0);
    });
  });

  describe("whose wallet", () => {
    it("is the credential's user's: a user id in the input is ignored, typed or raw", async () => {
      await bob().wallet.charge.mutate({ amountCents: 5_000, idempotencyKey: aKey() });
      // Ann names Bob in every way she can; she only ever reaches her own (empty) wallet.
      const sneaky = { userId: BOB, user: BOB, actor: { userId: BOB } };
      const balance = ann().wallet.balance.query as unknown as (input: unknown) => Promise<unknown>;
      expect(await balance(sneaky)).toEqual({ balanceCents: 0, chargeableCents: MAX_CHARGE_CENTS });
      expect(await ann().wallet.ledger.query({ ...sneaky } as object)).toEqual({
        entries: [],
        nextBefore: null,
      });
      await ann().wallet.charge.mutate({
        amountCents: 100,
        idempotencyKey: aKey(),
        ...sneaky,
      } as { amountCents: number; idempotencyKey: string });
      const raw = await fetch(
        `${server.url}/trpc/wallet.balance?input=${encodeURIComponent(JSON.stringify(sneaky))}`,
        {
          headers: {
            authorization: await bff.bearer({ role: "shopper", userId: ANN }, "payment-service"),
          },
        },
      );
      expect(((await raw.json()) as { result: { data: unknown } }).result.data).toEqual({
        balanceCents: 100,
        chargeableCents: MAX_CHARGE_CENTS,
      });
      expect(await bob().wallet.balance.query()).toMatchObject({ balanceCents: 5_000 });
      const bobsEntries = await t.db.ledgerEntry.findMany({ where: { userId: BOB } });
      expect(bobsEntries).toHaveLength(1);
    });

    it("an admin's credential reaches the admin's own wallet, never a shopper's", async () => {
      await bob().wallet.charge.mutate({ amountCents: 5_000, idempotencyKey: aKey() });
      const admin = as({ role: "admin", userId: randomUUID() });
      expect(await admin.wallet.balance.query()).toMatchObject({ balanceCents: 0 });
    });
  });

  describe("wallet.ledger", () => {
    it("pages the user's entries newest first; bad paging input is a field error", async () => {
      const client = ann();
      for (let i = 1; i <= 5; i++)
        await client.wallet.charge.mutate({ amountCents: i * 100, idempotencyKey: aKey() });
      const first = await client.wallet.ledger.query({ limit: 2 });
      expect(first.entries.map((e) => [e.seq, e.amountCents])).toEqual([
        [5, 500],
        [4, 400],
      ]);
      expect(first.nextBefore).toBe(4);
      const rest = await client.wallet.ledger.query({ before: 4, limit: 10 });
      expect(rest.entries.map((e) => e.seq)).toEqual([3, 2, 1]);
      expect(rest.nextBefore).toBeNull();
      expect((await client.wallet.ledger.query()).entries).toHaveLength(5);
      for (const input of [{ limit: 0 }, { limit: 101 }, { before: 0 }, { before: 1.5 }]) {
        const error = await failure(client.wallet.ledger.query(input));
        expect(error.data?.errorCode, JSON.stringify(input)).toBe("VALIDATION_FAILED");
      }
    });
  });

  describe("failures and logs", () => {
    it("an internal error reaches the client as 'Internal error', without a stack or the cause", async () => {
      const fail = async (): Promise<never> => {
        throw new Error(`connection refused (${SECRET})`);
      };
      const broken = await start({
        ...deps,
        store: { transaction: fail, handle: fail, balanceOf: fail, ledger: fail },
      });
      try {
        const error = await failure(
          as({ role: "shopper", userId: ANN }, broken.url).wallet.charge.mutate({
            amountCents: 100,
            idempotencyKey: aKey(),
          }),
        );
        expect(error.message).toBe("Internal error");
        expect(error.data).toMatchObject({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500 });
        expect(error.data).not.toHaveProperty("stack");
        expect(JSON.stringify(error)).not.toContain("hunter2");
        expect(logLines.join("")).toContain("connection refused"); // the cause is logged...
      } finally {
        await broken.close();
      }
    });

    it("never contain a credential (checked after every test above)", () => {
      const text = logLines.join("");
      expect(text).toContain('"msg":"wallet charged"');
      expect(text).toContain('"msg":"charge replayed"');
      // The signer reuses a credential per actor and service, so these are one per actor.
      expect(tokens.size).toBeGreaterThan(3);
      for (const token of tokens) expect(text).not.toContain(token);
    });
  });
});
