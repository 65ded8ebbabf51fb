import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { TRPCClientError } from "@trpc/client";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { startServiceServer } from "@shop/service-kit";
import { testCredentials } from "@shop/service-kit/test-fixtures";
import type { Actor } from "@shop/contracts";
import { productServiceRouter, type ProductServiceRouter } from "./router";
import { productDeps } from "../../../deps";
import { withInstantProjection } from "../../../test/projection";
import { CATEGORIES } from "../../../test/fixtures";
import {
  ADMIN,
  auth,
  bff,
  createCaller,
  log,
  mug,
  SHOPPER,
  useCatalogDatabase,
  VISITOR,
} from "./router.fixtures";

const t = useCatalogDatabase();

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
