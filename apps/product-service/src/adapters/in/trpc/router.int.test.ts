import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getErrorShape, TRPCError } from "@trpc/server";
import type { TRPCClientError } from "@trpc/client";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import {
  createLogger,
  databaseCheck,
  startServiceServer,
  type ServiceServer,
} from "@shop/service-kit";
import { clientFailure, testCredentials } from "@shop/service-kit/test-fixtures";
import type { Actor, CreateProductInput, ShopErrorData } from "@shop/contracts";
import { productServiceRouter, type ProductServiceRouter } from "./router";
import { createCallerFactory, type Context } from "./trpc";
import { productDeps } from "../../../deps";
import type { ProductDeps } from "../../../application/ports";
import { truncateCatalog, useTestDatabase } from "../../../test/database";
import { withInstantProjection } from "../../../test/projection";
import { CATEGORIES } from "../../../test/fixtures";

const t = useTestDatabase();
const log = createLogger("product-service-test", "silent");
const createCaller = createCallerFactory(productServiceRouter);
/** The tests play the BFF: they hold its private key; the service verifies its own audience. */
const bff = testCredentials();
const auth = bff.verifier("product-service");
const ADMIN: Actor = { role: "admin", userId: randomUUID() };
const SHOPPER: Actor = { role: "shopper", userId: randomUUID() };
const VISITOR: Actor = { role: "visitor" };

const SECRET = "password=hunter2 at db.internal:5432";

/** Dependencies whose product store fails like a broken database would. */
function brokenDeps(deps: ProductDeps): ProductDeps {
  const fail = async (): Promise<never> => {
    throw new Error(`connection refused (${SECRET})`);
  };
  return {
    ...deps,
    products: { insert: fail, update: fail, findById: fail, moveStock: fail, archive: fail },
    catalog: { list: fail, findById: fail, findBySlug: fail },
  };
}

const mug = (overrides: Partial<CreateProductInput> = {}): CreateProductInput => ({
  name: "Ceramic Mug",
  description: "Stoneware",
  categorySlug: "kitchen",
  priceCents: 1_200,
  stock: 3,
  ...overrides,
});

beforeEach(async () => {
  await truncateCatalog(t.db);
  // Stored out of order: the listing orders categories by position.
  await t.db.category.createMany({
    data: CATEGORIES.map((c, position) => ({ ...c, position })).reverse(),
  });
});

describe("productServiceRouter through a caller", () => {
  let ctx: Context;
  let caller: ReturnType<typeof createCaller>;
  beforeAll(() => {
    ctx = { deps: withInstantProjection(t.db, productDeps(t.db)), log, actor: ADMIN };
    caller = createCaller(ctx);
  });

  /** Runs a call that must fail; returns the TRPCError and the shape the server would send. */
  async function failure(call: Promise<unknown>, path: string) {
    const error = await call.then(
      () => expect.fail(`${path} should have failed`),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    const trpcError = error as TRPCError;
    const shape = getErrorShape({
      config: productServiceRouter._def._config,
      error: trpcError,
      type: "unknown",
      path,
      input: undefined,
      ctx,
    });
    return {
      error: trpcError,
      shape: shape as { message: string; data: ShopErrorData & { path?: string; stack?: string } },
    };
  }

  it("creates a product and reads it back by id, by slug and in the listing", async () => {
    const created = await caller.products.create(mug());
    expect(created).toMatchObject({
      slug: "ceramic-mug",
      name: "Ceramic Mug",
      category: { slug: "kitchen", name: "Kitchen" },
      priceCents: 1_200,
      stock: 3,
      image: null,
      status: "active",
    });
    expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
    expect(await caller.products.get({ id: created.id })).toEqual(created);
    expect(await caller.products.get({ slug: "ceramic-mug" })).toEqual(created);
    const page = await caller.products.list({});
    expect(page).toEqual({
      items: [created],
      total: 1,
      totalCapped: false,
      page: 1,
      pageSize: 12,
      pageCount: 1,
    });
  });

  it("updates, archives and moves stock", async () => {
    const created = await caller.products.create(mug());
    const updated = await caller.products.update({
      id: created.id,
      expectedVersion: created.version,
      name: "Big Mug",
      categorySlug: "desk",
      priceCents: 1_500,
    });
    expect(updated).toMatchObject({
      id: created.id,
      name: "Big Mug",
      slug: "ceramic-mug",
      category: { slug: "desk", name: "Desk" },
      priceCents: 1_500,
    });
    expect((await caller.products.adjustStock({ id: created.id, delta: 4 })).stock).toBe(7);
    expect((await caller.products.archive({ id: created.id })).status).toBe("archived");
    expect((await caller.products.list({})).total).toBe(0);
    expect((await caller.products.list({ status: "archived" })).items.map((p) => p.id)).toEqual([
      created.id,
    ]);
  });

  it("a save from a stale copy: CONFLICT with STALE_PRODUCT, and the first save stays", async () => {
    const created = await caller.products.create(mug());
    expect(created.version).toBe(1);
    const first = await caller.products.update({ id: created.id, expectedVersion: 1, name: "A" });
    expect(first.version).toBe(2);
    const { error, shape } = await failure(
      caller.products.update({ id: created.id, expectedVersion: 1, name: "B" }),
      "products.update",
    );
    expect(error.code).toBe("CONFLICT");
    expect(shape.message).toBe(
      "This product was changed by someone else; reload to see the changes",
    );
    expect(shape.data).toMatchObject({ httpStatus: 409, errorCode: "STALE_PRODUCT" });
    const archive = await failure(
      caller.products.archive({ id: created.id, expectedVersion: 1 }),
      "products.archive",
    );
    expect(archive.shape.data.errorCode).toBe("STALE_PRODUCT");
    expect(await caller.products.get({ id: created.id })).toMatchObject({ name: "A", version: 2 });
  });

  it("lists the categories", async () => {
    expect(await caller.categories.list()).toEqual(CATEGORIES);
  });

  it("invalid input: BAD_REQUEST with per-field errors", async () => {
    const { error, shape } = await failure(
      caller.products.create(mug({ priceCents: -1, name: "  " })),
      "products.create",
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(shape.message).toBe("Some fields are not valid");
    expect(shape.data.errorCode).toBe("VALIDATION_FAILED");
    expect(shape.data.fieldErrors?.priceCents).toEqual(["Price cannot be negative"]);
    expect(shape.data.fieldErrors?.name).toEqual(["Name is required"]);
    expect(await t.db.product.count()).toBe(0);
  });

  it("invalid listing input names the field of a cross-field rule", async () => {
    const { shape } = await failure(
      caller.products.list({ minPriceCents: 500, maxPriceCents: 100 }),
      "products.list",
    );
    expect(Object.keys(shape.data.fieldErrors ?? {})).toEqual(["maxPriceCents"]);
  });

  it("unknown product: NOT_FOUND", async () => {
    const { error, shape } = await failure(
      caller.products.get({ id: randomUUID() }),
      "products.get",
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(shape.data).toMatchObject({
      code: "NOT_FOUND",
      httpStatus: 404,
      errorCode: "NOT_FOUND",
    });
    const byUpdate = await failure(
      caller.products.update({ id: randomUUID(), expectedVersion: 1, name: "x" }),
      "products.update",
    );
    expect(byUpdate.error.code).toBe("NOT_FOUND");
  });

  it("slug conflict: CONFLICT with SLUG_TAKEN, on create and on update", async () => {
    await caller.products.create(mug());
    const onCreate = await failure(
      caller.products.create(mug({ name: "Other", slug: "ceramic-mug" })),
      "products.create",
    );
    expect(onCreate.error.code).toBe("CONFLICT");
    expect(onCreate.shape.data).toMatchObject({ httpStatus: 409, errorCode: "SLUG_TAKEN" });
    expect(onCreate.shape.data.fieldErrors).toHaveProperty("slug");

    const other = await caller.products.create(mug({ name: "Other" }));
    const onUpdate = await failure(
      caller.products.update({ id: other.id, expectedVersion: 1, slug: "ceramic-mug" }),
      "products.update",
    );
    expect(onUpdate.shape.data).toMatchObject({ code: "CONFLICT", errorCode: "SLUG_TAKEN" });
  });

  it("unknown category: BAD_REQUEST naming categorySlug", async () => {
    const { shape } = await failure(
      caller.products.create(mug({ categorySlug: "toys" })),
      "products.create",
    );
    expect(shape.data).toMatchObject({ code: "BAD_REQUEST", errorCode: "UNKNOWN_CATEGORY" });
    expect(shape.data.fieldErrors).toHaveProperty("categorySlug");
  });

  it("archived product: CONFLICT with PRODUCT_ARCHIVED on edit", async () => {
    const created = await caller.products.create(mug());
    await caller.products.archive({ id: created.id });
    const { shape } = await failure(
      caller.products.update({ id: created.id, expectedVersion: 2, name: "Again" }),
      "products.update",
    );
    expect(shape.data).toMatchObject({ code: "CONFLICT", errorCode: "PRODUCT_ARCHIVED" });
  });

  it("stock below zero: CONFLICT with INSUFFICIENT_STOCK, and the stock is unchanged", async () => {
    const created = await caller.products.create(mug({ stock: 2 }));
    const { error, shape } = await failure(
      caller.products.adjustStock({ id: created.id, delta: -3 }),
      "products.adjustStock",
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("Only 2 in stock; cannot remove 3");
    expect(shape.data).toMatchObject({
      errorCode: "INSUFFICIENT_STOCK",
      fieldErrors: { delta: ["Only 2 in stock"] },
    });
    expect((await caller.products.get({ id: created.id })).stock).toBe(2);
  });

  it("a zero stock change is invalid input", async () => {
    const created = await caller.products.create(mug());
    const { shape } = await failure(
      caller.products.adjustStock({ id: created.id, delta: 0 }),
      "products.adjustStock",
    );
    expect(shape.data.fieldErrors).toEqual({ delta: ["Change cannot be zero"] });
  });

  it("an internal error is reported without its message or stack", async () => {
    const broken = createCaller({ deps: brokenDeps(ctx.deps), log, actor: ADMIN });
    const { error, shape } = await failure(broken.products.get({ slug: "mug" }), "products.get");
    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error.message).toContain("connection refused"); // the cause is kept for the server log...
    expect(shape.message).toBe("Internal error"); // ...but never sent
    expect(shape.data).not.toHaveProperty("stack");
    expect(JSON.stringify(shape)).not.toContain("hunter2");
  });
});

describe("productServiceRouter over HTTP", () => {
  let server: ServiceServer;
  let client: ReturnType<typeof createTRPCClient<ProductServiceRouter>>;

  /** A client sending the internal credential of `actor` (none when null). */
  const clientFor = (url: string, actor: Actor | null = ADMIN) =>
    createTRPCClient<ProductServiceRouter>({
      links: [
        httpBatchLink({
          url: `${url}/trpc`,
          headers: async () =>
            actor ? { authorization: await bff.bearer(actor, "product-service") } : {},
        }),
      ],
    });

  beforeAll(async () => {
    const deps = withInstantProjection(t.db, productDeps(t.db));
    server = await startServiceServer({
      name: "product-service",
      router: productServiceRouter,
      createContext: async ({ req }) => ({ deps, log, actor: await auth.fromHeaders(req.headers) }),
      host: "127.0.0.1",
      port: 0,
      logger: log,
      readiness: { database: databaseCheck(t.db) },
      shutdownGraceMs: 1_000,
    });
    client = clientFor(server.url);
  });

  afterAll(async () => {
    await server?.close();
  });

  it("answers /health and /ready with 200", async () => {
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", service: "product-service" });
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
    expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
  });

  it("creates and reads products, batching concurrent calls", async () => {
    const created = await client.products.create.mutate(mug());
    expect(created).toMatchObject({ slug: "ceramic-mug", category: { name: "Kitchen" } });
    const [byId, page, categories] = await Promise.all([
      client.products.get.query({ id: created.id }),
      client.products.list.query({ q: "CERAMIC" }),
      client.categories.list.query(),
    ]);
    expect(byId).toEqual(created);
    expect(page).toMatchObject({ total: 1, items: [created] });
    expect(categories.map((c) => c.slug)).toEqual(CATEGORIES.map((c) => c.slug));
  });

  it("invalid input: BAD_REQUEST (400) with data.fieldErrors naming the field", async () => {
    const error = await clientFailure(client.products.create.mutate(mug({ priceCents: -5 })));
    expect(error.message).toBe("Some fields are not valid");
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      httpStatus: 400,
      errorCode: "VALIDATION_FAILED",
      path: "products.create",
    });
    expect(error.data?.fieldErrors).toEqual({ priceCents: ["Price cannot be negative"] });
  });

  it("unknown product: NOT_FOUND (404)", async () => {
    const error = await clientFailure(client.products.get.query({ slug: "no-such-product" }));
    expect(error.data).toMatchObject({
      code: "NOT_FOUND",
      httpStatus: 404,
      errorCode: "NOT_FOUND",
    });
    expect(error.message).toBe('No product "no-such-product"');
  });

  it("slug conflict: CONFLICT (409) with errorCode SLUG_TAKEN", async () => {
    await client.products.create.mutate(mug({ slug: "mug" }));
    const error = await clientFailure(
      client.products.create.mutate(mug({ name: "Another", slug: "mug" })),
    );
    expect(error.data).toMatchObject({
      code: "CONFLICT",
      httpStatus: 409,
      errorCode: "SLUG_TAKEN",
    });
    expect(error.data?.fieldErrors).toHaveProperty("slug");
  });

  it("stock below zero: CONFLICT with errorCode INSUFFICIENT_STOCK", async () => {
    const created = await client.products.create.mutate(mug({ stock: 1 }));
    const error = await clientFailure(
      client.products.adjustStock.mutate({ id: created.id, delta: -2 }),
    );
    expect(error.data).toMatchObject({ code: "CONFLICT", errorCode: "INSUFFICIENT_STOCK" });
    expect((await client.products.get.query({ id: created.id })).stock).toBe(1);
  });

  it("an internal error reaches the client as 'Internal error', without a stack or the cause", async () => {
    const broken = await startServiceServer({
      name: "product-service",
      router: productServiceRouter,
      createContext: async ({ req }) => ({
        deps: brokenDeps(productDeps(t.db)),
        log,
        actor: await auth.fromHeaders(req.headers),
      }),
      host: "127.0.0.1",
      port: 0,
      logger: log,
      readiness: {
        database: async () => {
          throw new Error("database down");
        },
      },
      shutdownGraceMs: 1_000,
    });
    try {
      const error = await clientFailure(clientFor(broken.url).products.list.query({}));
      expect(error.message).toBe("Internal error");
      expect(error.data).toMatchObject({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500 });
      expect(error.data).not.toHaveProperty("stack");
      expect(JSON.stringify(error.shape)).not.toContain("hunter2");
      const ready = await fetch(`${broken.url}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "not-ready", failed: { database: "failed" } });
    } finally {
      await broken.close();
    }
  });
});

describe("who may call what", () => {
  const callerAs = (actor: Actor | null) =>
    createCaller({ deps: withInstantProjection(t.db, productDeps(t.db)), log, actor });
  const someId = () => randomUUID();
  const ADMIN_CALLS = {
    "products.create": (c: ReturnType<typeof callerAs>) => c.products.create(mug()),
    "products.update": (c: ReturnType<typeof callerAs>) =>
      c.products.update({ id: someId(), expectedVersion: 1, name: "x" }),
    "products.archive": (c: ReturnType<typeof callerAs>) => c.products.archive({ id: someId() }),
    "products.adjustStock": (c: ReturnType<typeof callerAs>) =>
      c.products.adjustStock({ id: someId(), delta: 1 }),
    "analytics.sales": (c: ReturnType<typeof callerAs>) => c.analytics.sales(),
  };
  const READ_CALLS = {
    "products.list": (c: ReturnType<typeof callerAs>) => c.products.list({}),
    "products.get": (c: ReturnType<typeof callerAs>) => c.products.get({ slug: "mug" }),
    "categories.list": (c: ReturnType<typeof callerAs>) => c.categories.list(),
    "products.popular": (c: ReturnType<typeof callerAs>) => c.products.popular(),
  };

  const codeOf = (call: Promise<unknown>) =>
    call.then(
      () => "OK",
      (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
    );

  it.each(Object.entries({ ...ADMIN_CALLS, ...READ_CALLS }))(
    "%s without a credential is UNAUTHORIZED",
    async (_, call) => {
      expect(await codeOf(call(callerAs(null)))).toBe("UNAUTHORIZED");
    },
  );

  it.each(Object.entries(ADMIN_CALLS))(
    "%s is refused to a visitor and to a shopper",
    async (_, call) => {
      expect(await codeOf(call(callerAs(VISITOR)))).toBe("UNAUTHORIZED");
      expect(await codeOf(call(callerAs(SHOPPER)))).toBe("FORBIDDEN");
    },
  );

  it("shows archived products to admins only", async () => {
    const admin = callerAs(ADMIN);
    const created = await admin.products.create(mug());
    await admin.products.archive({ id: created.id });
    for (const actor of [VISITOR, SHOPPER]) {
      const caller = callerAs(actor);
      expect((await caller.products.list({ status: "archived" })).total).toBe(0);
      expect((await caller.products.list({ status: "all" })).total).toBe(0);
      expect(await codeOf(caller.products.get({ id: created.id }))).toBe("NOT_FOUND");
    }
    expect((await admin.products.list({ status: "archived" })).total).toBe(1);
  });

  it("over HTTP: no header, a forged, an expired or another service's credential are UNAUTHORIZED", async () => {
    const deps = productDeps(t.db);
    const server = await startServiceServer({
      name: "product-service",
      router: productServiceRouter,
      createContext: async ({ req }) => ({ deps, log, actor: await auth.fromHeaders(req.headers) }),
      host: "127.0.0.1",
      port: 0,
      logger: log,
      shutdownGraceMs: 1_000,
    });
    const withHeader = (authorization?: string) =>
      createTRPCClient<ProductServiceRouter>({
        links: [
          httpBatchLink({
            url: `${server.url}/trpc`,
            headers: authorization ? { authorization } : {},
          }),
        ],
      });
    const credentials = {
      none: undefined,
      forged: await testCredentials().bearer(ADMIN, "product-service"),
      expired: await bff.bearer(ADMIN, "product-service", -10),
      // Signed by the BFF's own key, but addressed to user-service: not for this service.
      "for user-service": await bff.bearer(ADMIN, "user-service"),
      garbage: "Bearer nonsense",
    };
    try {
      for (const [kind, authorization] of Object.entries(credentials)) {
        const error = await withHeader(authorization)
          .categories.list.query()
          .then(
            () => null,
            (e: unknown) => e as TRPCClientError<ProductServiceRouter>,
          );
        expect(error?.data?.code, kind).toBe("UNAUTHORIZED");
      }
      expect(
        await withHeader(await bff.bearer(VISITOR, "product-service")).categories.list.query(),
      ).toHaveLength(CATEGORIES.length);
    } finally {
      await server.close();
    }
  });
});
