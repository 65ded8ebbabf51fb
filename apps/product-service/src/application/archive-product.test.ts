import { beforeEach, describe, expect, it } from "vitest";
import { archiveProduct } from "./archive-product";
import { listProducts } from "./list-products";
import { getProduct } from "./get-product";
import { ADMIN, aProduct, memoryDeps, T0, type MemoryDeps } from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";
import type { Product } from "../domain/product";

describe("archiveProduct", () => {
  let deps: MemoryDeps;
  let mug: Product;
  beforeEach(async () => {
    deps = memoryDeps();
    mug = aProduct({ slug: "mug", createdAt: T0, updatedAt: T0 });
    await deps.products.insert(mug);
  });

  it("archives the product and records when", async () => {
    deps.clock.advance(5_000);
    const archived = valueOf(await archiveProduct(deps, mug.id));
    expect(archived).toMatchObject({
      id: mug.id,
      status: "archived",
      updatedAt: new Date(T0.getTime() + 5_000),
    });
    expect(deps.products.rows.get(mug.id)?.status).toBe("archived");
  });

  it("is idempotent: archiving again succeeds and changes nothing", async () => {
    deps.clock.advance(5_000);
    const first = valueOf(await archiveProduct(deps, mug.id));
    deps.clock.advance(5_000);
    const second = valueOf(await archiveProduct(deps, mug.id));
    expect(second).toEqual(first);
  });

  it("hides the product from the default listing but keeps it reachable by id and slug for admins", async () => {
    valueOf(await archiveProduct(deps, mug.id));
    const listing = await listProducts(
      deps,
      { status: "active", sort: "newest", page: 1, pageSize: 12 },
      ADMIN,
    );
    expect(listing.items.map((p) => p.id)).not.toContain(mug.id);
    expect(valueOf(await getProduct(deps, { slug: "mug" }, ADMIN)).status).toBe("archived");
  });

  it("answers NOT_FOUND for an unknown id", async () => {
    errorOf(await archiveProduct(deps, "00000000-0000-4000-8000-00000000ffff"), "NOT_FOUND");
  });
});
