import { initTRPC, TRPCError } from "@trpc/server";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Product, User } from "@shop/contracts";
import { createLogger, startServiceServer, type ServiceServer } from "@shop/service-kit";
import { DomainTRPCError, shopErrorFormatter } from "@shop/service-kit/trpc-errors";
import { appRouter } from "./router";
import { createCallerFactory, createContext, type Context } from "./trpc";
import type { Services } from "./services";

// A stand-in product-service speaking the same tRPC protocol over real HTTP, so the BFF's
// translation of a service's answers is tested end to end without the service's database.
const t = initTRPC.create({ errorFormatter: shopErrorFormatter });
const archived: Product = {
  id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  slug: "old-mug",
  name: "Old Mug",
  description: "",
  category: { slug: "kitchen", name: "Kitchen" },
  priceCents: 900,
  stock: 1,
  image: null,
  status: "archived",
  createdAt: new Date(0).toISOString(),
  updatedAt: new Date(0).toISOString(),
  version: 1,
};
const fakeService = t.router({
  products: t.router({
    get: t.procedure.input(z.object({ slug: z.string() })).query(({ input }) => {
      if (input.slug === "old-mug") return archived;
      throw new DomainTRPCError({
        code: "NOT_FOUND",
        errorCode: "NOT_FOUND",
        message: `No product "${input.slug}"`,
      });
    }),
    create: t.procedure.input(z.unknown()).mutation(() => {
      throw new DomainTRPCError({
        code: "CONFLICT",
        errorCode: "SLUG_TAKEN",
        message: 'The slug "mug" is already used',
        fieldErrors: { slug: ["Another product already uses this slug"] },
      });
    }),
    list: t.procedure.input(z.unknown()).query(() => {
      throw new Error("database exploded: password=hunter2");
    }),
    popular: t.procedure.input(z.unknown()).query(({ input }) => ({ asked: input, items: [] })),
  }),
});

const silent = createLogger("test", "silent");
const userOf = (role: User["role"]): User => ({
  id: "0b5a1c3e-8f7d-4e2a-9c6b-1d2e3f4a5b6c",
  email: `${role}@meridian.test`,
  displayName: role,
  role,
  createdAt: new Date(0).toISOString(),
});
const ADMIN_USER = userOf("admin");
const SHOPPER_USER = userOf("shopper");
let server: ServiceServer;

/** A BFF context whose product service is the stand-in at `url`, acting as `user`. */
function contextFor(url: string, user: User | null = ADMIN_USER, log = silent): Context {
  const product = createTRPCClient<typeof fakeService>({
    links: [httpBatchLink({ url: `${url}/trpc` })],
  });
  const services = { product } as unknown as Services;
  return { ...createContext(), log, services, servicesFor: () => services, user: async () => user };
}

function callerFor(url: string, user: User | null = ADMIN_USER) {
  return createCallerFactory(appRouter)(contextFor(url, user));
}

async function errorOf(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

beforeAll(async () => {
  server = await startServiceServer({
    name: "fake-product-service",
    router: fakeService,
    createContext: () => ({}),
    host: "127.0.0.1",
    port: 0,
    logger: silent,
  });
});
afterAll(() => server.close());

describe("the BFF in front of a service", () => {
  it("passes a service's NOT_FOUND through", async () => {
    const error = await errorOf(callerFor(server.url).catalog.product({ slug: "nope" }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("asks for the catalog as a visitor, whoever is signed in, and passes the answer through", async () => {
    // Who may see archived products is product-service's decision (its use cases; a visitor
    // never does): the BFF neither filters nor asks as the signed-in admin. This stand-in
    // applies no rule, so what it answers arrives unchanged.
    const context = {
      ...contextFor(server.url, ADMIN_USER),
      servicesFor: () => expect.fail("the catalog must not be asked as the signed-in user"),
    };
    const caller = createCallerFactory(appRouter)(context);
    expect(await caller.catalog.product({ slug: "old-mug" })).toEqual(archived);
  });

  it("asks for the popular products as a visitor, with the limit checked first", async () => {
    const context = {
      ...contextFor(server.url, ADMIN_USER),
      servicesFor: () => expect.fail("popular products must not be asked as the signed-in user"),
    };
    const caller = createCallerFactory(appRouter)(context);
    expect(await caller.catalog.popular({ limit: 3 })).toEqual({ asked: { limit: 3 }, items: [] });
    expect(await caller.catalog.popular()).toEqual({ asked: { limit: 5 }, items: [] });
    expect((await errorOf(caller.catalog.popular({ limit: 50 }))).code).toBe("BAD_REQUEST");
  });

  it("keeps a business error's code and per-field messages", async () => {
    const error = await errorOf(
      callerFor(server.url).admin.products.create({
        name: "Mug",
        slug: "mug",
        categorySlug: "kitchen",
        priceCents: 100,
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error).toBeInstanceOf(DomainTRPCError);
    expect((error as DomainTRPCError).errorCode).toBe("SLUG_TAKEN");
    expect((error as DomainTRPCError).fieldErrors).toEqual({
      slug: ["Another product already uses this slug"],
    });
  });

  it("refuses invalid input itself, before calling any service", async () => {
    const error = await errorOf(
      callerFor("http://127.0.0.1:9").admin.products.create({
        name: "Mug",
        categorySlug: "kitchen",
        priceCents: -5,
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("turns a service's internal error into SERVICE_UNAVAILABLE without leaking it", async () => {
    const error = await errorOf(callerFor(server.url).catalog.list({}));
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(error.message).not.toContain("hunter2");
  });

  it("says the shop is unavailable when a service cannot be reached, and logs why", async () => {
    const log = createLogger("test", "silent");
    const logged = vi.spyOn(log, "error");
    const caller = createCallerFactory(appRouter)(contextFor("http://127.0.0.1:9", null, log));
    const error = await errorOf(caller.catalog.categories());
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(error.message).toMatch(/unavailable right now/);
    expect(logged).toHaveBeenCalledOnce();
  });
});

describe("who may call the BFF's admin procedures", () => {
  const id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
  const ADMIN_CALLS: Record<string, (c: ReturnType<typeof callerFor>) => Promise<unknown>> = {
    "admin.products.list": (c) => c.admin.products.list({}),
    "admin.products.get": (c) => c.admin.products.get({ id }),
    "admin.products.create": (c) =>
      c.admin.products.create({ name: "Mug", categorySlug: "kitchen", priceCents: 100 }),
    "admin.products.update": (c) =>
      c.admin.products.update({ id, expectedVersion: 1, name: "Mug" }),
    "admin.products.archive": (c) => c.admin.products.archive({ id }),
    "admin.products.adjustStock": (c) => c.admin.products.adjustStock({ id, delta: 1 }),
    "admin.coupons.list": (c) => c.admin.coupons.list(),
    "admin.coupons.create": (c) =>
      c.admin.coupons.create({
        name: "Spring",
        discount: { kind: "fixed", amountOffCents: 500 },
        quantity: 10,
        validFrom: "2026-12-01T00:00:00.000Z",
        validTo: "2026-12-31T00:00:00.000Z",
      }),
    "admin.orders.list": (c) => c.admin.orders.list({ state: "CANCELLED" }),
    "admin.orders.get": (c) => c.admin.orders.get({ orderId: id }),
    "admin.orders.states": (c) => c.admin.orders.states({ orderIds: [id] }),
    "admin.orders.ship": (c) => c.admin.orders.ship({ orderId: id, carrier: "Parcelo" }),
    "admin.orders.deliver": (c) => c.admin.orders.deliver({ orderId: id }),
    "admin.orders.refund": (c) =>
      c.admin.orders.refund({ orderId: id, restock: true, reason: "Damaged" }),
    "admin.analytics.sales": (c) => c.admin.analytics.sales(),
    "admin.ops.overview": (c) => c.admin.ops.overview(),
    "admin.ops.deadLetters": (c) => c.admin.ops.deadLetters({ status: "held" }),
    "admin.ops.replay": (c) => c.admin.ops.replay({ service: "payment-service", id }),
    "admin.ops.discard": (c) => c.admin.ops.discard({ service: "order-service", id }),
  };

  it("covers every admin procedure of the router", () => {
    const adminPaths = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith("admin."));
    expect(adminPaths.sort()).toEqual(Object.keys(ADMIN_CALLS).sort());
  });

  it.each(Object.entries(ADMIN_CALLS))(
    "%s: a visitor is UNAUTHORIZED, a shopper FORBIDDEN",
    async (_, call) => {
      expect((await errorOf(call(callerFor(server.url, null)))).code).toBe("UNAUTHORIZED");
      expect((await errorOf(call(callerFor(server.url, SHOPPER_USER)))).code).toBe("FORBIDDEN");
    },
  );

  it("lets a shopper read their own profile only when signed in", async () => {
    expect((await errorOf(callerFor(server.url, null).account.profile())).code).toBe(
      "UNAUTHORIZED",
    );
  });
});

describe("the BFF over HTTP", () => {
  const post = async (path: string, input: unknown) => {
    const { POST } = await import("@/app/api/trpc/[trpc]/route");
    return POST(
      new Request(`http://localhost/api/trpc/${path}`, {
        method: "POST",
        body: JSON.stringify(input),
        headers: { "content-type": "application/json" },
      }),
    );
  };

  it("refuses an admin call from a visitor before looking at its input", async () => {
    const res = await post("admin.products.create", { name: "", priceCents: -5 });
    expect(res.status).toBe(401);
  });

  it("answers invalid input with 400 and a message per field", async () => {
    const res = await post("auth.signUp", { email: "nope", password: "short", displayName: " " });
    expect(res.status).toBe(400);
    const json = (await res.json()) as {
      error: { data: { fieldErrors: Record<string, string[]>; stack?: string } };
    };
    expect(json.error.data.fieldErrors).toEqual({
      email: ["Enter a valid email address"],
      password: ["Use at least 8 characters"],
      displayName: ["Tell us what to call you"],
    });
    expect(json.error.data.stack).toBeUndefined();
  });
});
