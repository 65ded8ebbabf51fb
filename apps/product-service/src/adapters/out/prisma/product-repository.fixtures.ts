import { beforeAll } from "vitest";
import { PrismaProductRepository } from "./product-repository";
import { PrismaCatalogView } from "./catalog-view";
import { PrismaReadModelStore } from "./read-model-store";
import { projectOutbox } from "../../../test/projection";
import type { ProductFilter } from "../../../application/ports";
import type { Product } from "../../../domain/product";
import { windowDays, type SalesWindow } from "../../../domain/sales";
import { useTestDatabase } from "../../../test/database";
import { T0 } from "../../../test/fixtures";

/*
 * What the repository's test files share: the file's throwaway database, the stores on it and
 * the tests' shorthand. `t`, `repo`, `view` and `readModels` are set by useRepositoryDatabase();
 * importers see them once set (imported bindings are live).
 */

export let t: ReturnType<typeof useTestDatabase>;
export let repo: PrismaProductRepository;
export let view: PrismaCatalogView;
export let readModels: PrismaReadModelStore;

/** Call once at the top of a test file: its own database, with the stores on it. */
export function useRepositoryDatabase(): void {
  t = useTestDatabase();
  beforeAll(() => {
    repo = new PrismaProductRepository(t.db);
    view = new PrismaCatalogView(t.db);
    readModels = new PrismaReadModelStore(t.db);
  });
}

// The command side answers with outcomes; these keep the tests' old shorthand.
export const insert = async (p: Product) =>
  (await repo.insert(p)).kind === "saved" ? "ok" : "slug-taken";
/** An edit made from the product's current version (staleness is tested on its own). */
export const update = async (p: Product) => {
  const r = await repo.update(p, (await repo.findById(p.id))?.version ?? 1);
  return r.kind === "saved" ? "ok" : r.kind;
};
// The popular sort's window, as the use case passes it: T0's day and the two before, in UTC.
export const WINDOW: SalesWindow = { days: 3, timeZone: "UTC" };
export const SALES_DAYS = windowDays(T0, WINDOW);

// Reads go to the catalog view, after the projector applied the outbox's events.
export const listView = async (f: ProductFilter) => {
  await projectOutbox(t.db, { readModels });
  return view.list(f, SALES_DAYS);
};
export const bySlug = async (slug: string) => {
  await projectOutbox(t.db, { readModels });
  const found = await view.findBySlug(slug);
  return found && (await repo.findById(found.id));
};

export const filter = (f: Partial<ProductFilter> = {}): ProductFilter => ({
  status: "active",
  sort: "newest",
  page: 1,
  pageSize: 12,
  ...f,
});

export async function stockOf(id: string): Promise<number> {
  const row = await t.db.product.findUniqueOrThrow({ where: { id }, select: { stock: true } });
  return row.stock;
}
