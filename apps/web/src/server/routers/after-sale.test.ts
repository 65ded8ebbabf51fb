import { initTRPC, TRPCError, type AnyRouter } from "@trpc/server";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { AdminOrderDetail, Product, User } from "@shop/contracts";
import { createLogger, startServiceServer, type ServiceServer } from "@shop/service-kit";
import { DomainTRPCError, shopErrorFormatter } from "@shop/service-kit/trpc-errors";
import { BALANCE_WAIT_MS } from "../checkout/early-refusal";
import { appRouter } from "../router";
import { createCallerFactory, createContext, type Context } from "../trpc";
import type { Services } from "../services";

/*
 * The BFF's after-sale procedures in front of stand-in services speaking tRPC over real HTTP:
 * who may call them (a shopper never reaches the admin's), that the services' refusals pass
 * through with their codes, that bad input is refused with its field before any service is
 * asked, that refunds are named by user-service, and the checkout's early balance refusal.
 */

const t = initTRPC.create({ errorFormatter: shopErrorFormatter });
const ORDER = "0d3c1f9a-2b7e-4f0e-8c1d-2a9e6b7c0003";
const OTHERS = "0d3c1f9a-2b7e-4f0e-8c1d-2a9e6b7c0004";
const SHIPPED = "0d3c1f9a-2b7e-4f0e-8c1d-2a9e6b7c0005";
const PRODUCT = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const ASKER = "5b0e6c55-7f3f-4c57-9a35-7a4a0f3f0001";

/** Every call a stand-in received, as "service:path". */
const calls: string[] = [];
let balanceCents = 0;
let balanceDelayMs = 0;
let userServiceDown = false;

const adminOrder = (): AdminOrderDetail => ({
  id: ORDER,
  state: "COMPLETED",
  subtotalCents: 1_800,
  discountCents: 0,
  totalCents: 1_800,
  itemCount: 1,
  placedAt: new Date(0).toISOString(),
  cancelReason: null,
  cancelMessage: null,
  refundedCents: 900,
  lines: [{ productId: PRODUCT, name: "Mug", quantity: 2, unitPriceCents: 900 }],
  couponId: null,
  timeline: [],
  fulfilment: { carrier: null, tracking: null, shippedAt: null, deliveredAt: null },
  refunds: [
    {
      id: "1f0e2d3c-4b5a-4968-8776-655443322110",
      kind: "refund",
      state: "COMPLETED",
      amountCents: 900,
      lines: [{ productId: PRODUCT, quantity: 1, amountCents: 900 }],
      restock: true,
      reason: "Chipped",
      requestedBy: ASKER,
      requestedAt: new Date(0).toISOString(),
      completedAt: new Date(1).toISOString(),
      failure: null,
    },
  ],
  userId: "0b5a1c3e-8f7d-4e2a-9c6b-1d2e3f4a5b6c",
  completedAt: new Date(0).toISOString(),
  cancelCode: null,
  traceId: null,
  saga: { version: 3, step: null, deadline: null },
  log: [],
});

const recorded = (name: string) =>
  t.middleware(({ path, next }) => {
    calls.push(`${name}:${path}`);
    return next();
  });
const order = t.procedure.use(recorded("order"));
const anyInput = z.record(z.string(), z.unknown());

const fakeOrderService = t.router({
  cart: t.router({
    get: order.query(() => ({
      lines: [{ productId: PRODUCT, quantity: 2, addedAt: new Date(0).toISOString() }],
    })),
  }),
  orders: t.router({
    place: order.input(anyInput).mutation(() => ({ orderId: ORDER, replayed: false })),
    cancel: order.input(z.object({ orderId: z.string() })).mutation(({ input }) => {
      if (input.orderId === OTHERS)
        throw new DomainTRPCError({
          code: "NOT_FOUND",
          errorCode: "NOT_FOUND",
          message: "No order",
        });
      throw new DomainTRPCError({
        code: "CONFLICT",
        errorCode: "ORDER_NOT_CANCELLABLE",
        message: "This order has shipped: it can no longer be cancelled",
      });
    }),
  }),
  admin: t.router({
    orders: t.router({
      get: order.input(anyInput).query(() => adminOrder()),
      ship: order.input(anyInput).mutation(() => adminOrder()),
      deliver: order.input(anyInput).mutation(() => adminOrder()),
      refund: order.input(anyInput).mutation(() => {
        throw new DomainTRPCError({
          code: "BAD_REQUEST",
          errorCode: "VALIDATION_FAILED",
          message: "Only 2 of Mug were bought",
          fieldErrors: { "lines.0.quantity": ["Only 2 were bought"] },
        });
      }),
      states: order
        .input(anyInput)
        .query(() => [{ id: ORDER, state: "COMPLETED", updatedAt: new Date(0).toISOString() }]),
    }),
  }),
});

const fakeUserService = t.router({
  admin: t.router({
    names: t.procedure
      .use(recorded("user"))
      .input(z.object({ ids: z.array(z.string()) }))
      .query(({ input }) => {
        if (userServiceDown) throw new Error("user-service is down");
        return Object.fromEntries(input.ids.map((id) => [id, id === ASKER ? "Ada Admin" : "?"]));
      }),
  }),
});

const mug: Product = {
  id: PRODUCT,
  slug: "mug",
  name: "Mug",
  description: "",
  category: { slug: "kitchen", name: "Kitchen" },
  priceCents: 900,
  stock: 10,
  image: null,
  status: "active",
  createdAt: new Date(0).toISOString(),
  updatedAt: new Date(0).toISOString(),
  version: 1,
};
const fakeProductService = t.router({
  products: t.router({ get: t.procedure.input(anyInput).query(() => mug) }),
});
const fakePaymentService = t.router({
  wallet: t.router({
    balance: t.procedure.use(recorded("payment")).query(async () => {
      if (balanceDelayMs) await new Promise((r) => setTimeout(r, balanceDelayMs));
      return { balanceCents, chargeableCents: 100_000 };
    }),
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
const servers: ServiceServer[] = [];
let services: Services;

const start = (name: string, router: AnyRouter) =>
  startServiceServer({
    name,
    router,
    createContext: () => ({}),
    host: "127.0.0.1",
    port: 0,
    logger: silent,
  }).then((server) => {
    servers.push(server);
    return createTRPCClient<AnyRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] });
  });

beforeAll(async () => {
  const [order, user, product, payment] = await Promise.all([
    start("fake-order-service", fakeOrderService),
    start("fake-user-service", fakeUserService),
    start("fake-product-service", fakeProductService),
    start("fake-payment-service", fakePaymentService),
  ]);
  services = { order, user, product, payment } as unknown as Services;
});
afterAll(() => Promise.all(servers.map((s) => s.close())));
beforeEach(() => {
  calls.length = 0;
  balanceCents = 0;
  balanceDelayMs = 0;
  userServiceDown = false;
});

const callerAs = (role: User["role"]) => {
  const user = userOf(role);
  const context: Context = {
    ...createContext(),
    log: silent,
    services,
    servicesFor: () => services,
    user: async () => user,
  };
  return createCallerFactory(appRouter)(context);
};

async function errorOf(call: Promise<unknown>): Promise<DomainTRPCError | TRPCError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("the admin's after-sale procedures", () => {
  it("refuse a shopper (FORBIDDEN) before any service is asked", async () => {
    const shopper = callerAs("shopper").admin.orders;
    for (const call of [
      shopper.ship({ orderId: ORDER }),
      shopper.deliver({ orderId: ORDER }),
      shopper.refund({ orderId: ORDER, restock: true, reason: "Mine" }),
      shopper.states({ orderIds: [ORDER] }),
      shopper.get({ orderId: ORDER }),
    ])
      expect((await errorOf(call)).code).toBe("FORBIDDEN");
    expect(calls).toEqual([]);
  });

  it("refuse bad input with the field to blame, before any service is asked", async () => {
    const admin = callerAs("admin").admin.orders;
    const noReason = await errorOf(admin.refund({ orderId: ORDER, restock: true, reason: "  " }));
    expect(noReason.code).toBe("BAD_REQUEST");
    // The endpoint's formatter turns these issues into fieldErrors keyed by the path.
    expect((noReason.cause as z.ZodError).issues.map((i) => i.path)).toEqual([["reason"]]);
    const twice = await errorOf(
      admin.refund({
        orderId: ORDER,
        restock: true,
        reason: "x",
        lines: [
          { productId: PRODUCT, quantity: 1 },
          { productId: PRODUCT, quantity: 0 },
        ],
      }),
    );
    expect(twice.code).toBe("BAD_REQUEST");
    expect((await errorOf(admin.states({ orderIds: ["nope"] }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(admin.ship({ orderId: ORDER, carrier: "x".repeat(101) }))).code).toBe(
      "BAD_REQUEST",
    );
    expect(calls).toEqual([]);
  });

  it("pass a refund's per-line refusal through, keyed as the service keyed it", async () => {
    const error = await errorOf(
      callerAs("admin").admin.orders.refund({
        orderId: ORDER,
        restock: true,
        reason: "Chipped",
        lines: [{ productId: PRODUCT, quantity: 3 }],
      }),
    );
    expect(error).toBeInstanceOf(DomainTRPCError);
    expect((error as DomainTRPCError).errorCode).toBe("VALIDATION_FAILED");
    expect((error as DomainTRPCError).fieldErrors).toEqual({
      "lines.0.quantity": ["Only 2 were bought"],
    });
  });

  it("name who asked for each refund (user-service), and keep the id when it does not answer", async () => {
    const admin = callerAs("admin").admin.orders;
    const shown = await admin.get({ orderId: ORDER });
    expect(shown.refunds.map((r) => r.requestedByName)).toEqual(["Ada Admin"]);
    expect((await admin.ship({ orderId: ORDER })).refunds[0]?.requestedByName).toBe("Ada Admin");
    userServiceDown = true;
    const unnamed = await admin.deliver({ orderId: ORDER });
    expect(unnamed.refunds.map((r) => [r.requestedBy, r.requestedByName])).toEqual([[ASKER, null]]);
  });

  it("ask the states of no orders without asking order-service", async () => {
    expect(await callerAs("admin").admin.orders.states({ orderIds: [] })).toEqual([]);
    expect(calls).toEqual([]);
  });
});

describe("orders.cancel", () => {
  it("passes order-service's NOT_FOUND (another's order) and ORDER_NOT_CANCELLABLE through", async () => {
    const shopper = callerAs("shopper").orders;
    expect((await errorOf(shopper.cancel({ orderId: OTHERS }))).code).toBe("NOT_FOUND");
    const shipped = await errorOf(shopper.cancel({ orderId: SHIPPED }));
    expect(shipped.code).toBe("CONFLICT");
    expect((shipped as DomainTRPCError).errorCode).toBe("ORDER_NOT_CANCELLABLE");
  });
});

describe("orders.place, asked before the saga", () => {
  const place = () =>
    callerAs("shopper").orders.place({ idempotencyKey: "e2e-balance-0123456789" });

  it("refuses a balance that cannot pay the cart's total, on the balance, and places nothing", async () => {
    balanceCents = 1_799;
    const error = await errorOf(place());
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      "Your balance is $0.01 short of the $18.00 total: top up your wallet first",
    );
    expect((error as DomainTRPCError).fieldErrors).toEqual({ balance: [error.message] });
    expect(calls).not.toContain("order:orders.place");
  });

  it("places the order when the balance covers it", async () => {
    balanceCents = 1_800;
    expect(await place()).toEqual({ orderId: ORDER, replayed: false });
    expect(calls).toContain("order:orders.place");
  });

  it("does not wait long for a slow payment-service: the saga decides", async () => {
    balanceCents = 0;
    balanceDelayMs = BALANCE_WAIT_MS + 500;
    const started = Date.now();
    expect(await place()).toEqual({ orderId: ORDER, replayed: false });
    expect(Date.now() - started).toBeLessThan(BALANCE_WAIT_MS + 400);
  });
});
