import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { databaseCheck, startServiceServer, type ServiceServer } from "@shop/service-kit";
import { clientFailure } from "@shop/service-kit/test-fixtures";
import type { Actor } from "@shop/contracts";
import { productServiceRouter, type ProductServiceRouter } from "./router";
import { productDeps } from "../../../deps";
import { withInstantProjection } from "../../../test/projection";
import { CATEGORIES } from "../../../test/fixtures";
import { ADMIN, auth, bff, brokenDeps, log, mug, useCatalogDatabase } from "./router.fixtures";

const t = useCatalogDatabase();

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
