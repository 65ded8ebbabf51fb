import { isUniqueViolationOn } from "@shop/service-kit/prisma-errors";
import type { Prisma } from "../../../generated/prisma/client";
import { MAX_STOCK, type Product } from "../../../domain/product";
import type {
  ProductFilter,
  ProductListing,
  ProductRepository,
  ProductWithCategory,
  StockMove,
} from "../../../application/ports";
import type { Db, Tx } from "./client";
import { listProducts } from "./product-listing-query";

const withCategory = { category: { select: { name: true } } } as const;
type Row = Prisma.ProductGetPayload<{ include: typeof withCategory }>;

const toProduct = ({ category, ...row }: Row): ProductWithCategory => ({
  ...row,
  categoryName: category.name,
});

const slugTaken = (e: unknown) => isUniqueViolationOn(e, "slug");

export class PrismaProductRepository implements ProductRepository {
  constructor(private readonly db: Db) {}

  async insert(p: Product): Promise<"ok" | "slug-taken"> {
    try {
      await this.db.product.create({ data: p });
      return "ok";
    } catch (e) {
      if (slugTaken(e)) return "slug-taken";
      throw e;
    }
  }

  async update(p: Product): Promise<"ok" | "slug-taken" | "archived"> {
    // Only the editable columns: stock only moves by delta, status only through archive(), and
    // the use cases pass a ProductWithCategory whose extra fields (categoryName) Prisma would refuse.
    const { id, slug, name, description, categorySlug, priceCents, image, updatedAt } = p;
    const fields = { slug, name, description, categorySlug, priceCents, image, updatedAt };
    try {
      const { count } = await this.db.product.updateMany({
        where: { id, status: "active" },
        data: fields,
      });
      return count === 1 ? "ok" : "archived";
    } catch (e) {
      if (slugTaken(e)) return "slug-taken";
      throw e;
    }
  }

  async archive(id: string, now: Date): Promise<void> {
    await this.db.product.updateMany({
      where: { id, status: "active" },
      data: { status: "archived", updatedAt: now },
    });
  }

  async findById(id: string) {
    const row = await this.db.product.findUnique({ where: { id }, include: withCategory });
    return row && toProduct(row);
  }

  async findBySlug(slug: string) {
    const row = await this.db.product.findUnique({ where: { slug }, include: withCategory });
    return row && toProduct(row);
  }

  list(f: ProductFilter): Promise<ProductListing> {
    return listProducts(this.db, f);
  }

  async moveStock(id: string, delta: number, now: Date): Promise<StockMove> {
    const count = await guardedStockMove(this.db, id, delta, now);
    const row = await this.db.product.findUnique({ where: { id }, include: withCategory });
    if (!row) return { kind: "not-found" };
    if (count === 0)
      return { kind: delta < 0 ? "insufficient" : "over-limit", available: row.stock };
    return { kind: "moved", product: toProduct(row) };
  }
}

/**
 * stock += delta as one conditional UPDATE, only if the result stays within 0..MAX_STOCK (and,
 * with `activeOnly`, only on an active product); returns 1 if it moved, 0 if not. Concurrent
 * moves serialize on the row lock and each sees the stock the previous one left, so the guard
 * cannot be raced. Admin moves and the saga's reservations both go through here.
 */
export async function guardedStockMove(
  client: Db | Tx,
  id: string,
  delta: number,
  now: Date,
  { activeOnly = false }: { activeOnly?: boolean } = {},
): Promise<number> {
  const { count } = await client.product.updateMany({
    where: {
      id,
      ...(activeOnly ? { status: "active" as const } : {}),
      stock: { gte: Math.max(0, -delta), lte: Math.min(MAX_STOCK, MAX_STOCK - delta) },
    },
    data: { stock: { increment: delta }, updatedAt: now },
  });
  return count;
}
