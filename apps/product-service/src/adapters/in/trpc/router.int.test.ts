import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getErrorShape, TRPCError } from "@trpc/server";
import type { ShopErrorData } from "@shop/contracts";
import { productServiceRouter } from "./router";
import type { Context } from "./trpc";
import { productDeps } from "../../../deps";
import { withInstantProjection } from "../../../test/projection";
import { CATEGORIES } from "../../../test/fixtures";
import { ADMIN, brokenDeps, createCaller, log, mug, useCatalogDatabase } from "./router.fixtures";

// Over HTTP: router-http.int.test.ts; who may call what: router-access.int.test.ts.
const t = useCatalogDatabase();

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
