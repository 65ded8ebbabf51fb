import {
  productArchived,
  productCreated,
  productStockChanged,
  productUpdated,
} from "@shop/contracts";
import { isUniqueViolationOn } from "@shop/service-kit/prisma-errors";
import type { Prisma } from "../../../generated/prisma/client";
import { MAX_STOCK, type Product } from "../../../domain/product";
import type {
  ProductRepository,
  ProductWithCategory,
  Saved,
  StockMove,
} from "../../../application/ports";
import type { Db, Tx } from "./client";
import { recordProductEvents } from "./product-events";

const withCategory = { category: { select: { name: true } } } as const;
type Row = Prisma.ProductGetPayload<{ include: typeof withCategory }>;

const toProduct = ({ category, ...row }: Row): ProductWithCategory => ({
  ...row,
  categoryName: category.name,
});

const slugTaken = (e: unknown) => isUniqueViolationOn(e, "slug");

/**
 * The command side's products. Each write is one transaction: the guarded statement (which
 * bumps the version), then the product's event into the outbox and the event history.
 */
export class PrismaProductRepository implements ProductRepository {
  constructor(private readonly db: Db) {}

  async insert(p: Product): Promise<Saved<"slug-taken">> {
    try {
      return await this.db.$transaction(async (tx) => {
        await tx.product.create({ data: { ...p, version: 1 } });
        return saved(await recordProductEvents(tx, productCreated, [p.id], p.updatedAt));
      });
    } catch (e) {
      if (slugTaken(e)) return { kind: "slug-taken" };
      throw e;
    }
  }

  async update(
    p: Product,
    expectedVersion: number,
  ): Promise<Saved<"slug-taken" | "archived" | "stale">> {
    // Only the editable columns: stock only moves by delta, status only through archive(), and
    // the use cases pass a ProductWithCategory whose extra fields (categoryName) Prisma would refuse.
    const { id, slug, name, description, categorySlug, priceCents, image, updatedAt } = p;
    const fields = { slug, name, description, categorySlug, priceCents, image, updatedAt };
    try {
      return await this.db.$transaction(async (tx) => {
        // The guard: WHERE id AND status = active AND version = expected, in the statement.
        const { count } = await tx.product.updateMany({
          where: { id, status: "active", version: expectedVersion },
          data: { ...fields, version: { increment: 1 } },
        });
        if (count === 1)
          return saved(await recordProductEvents(tx, productUpdated, [id], updatedAt));
        // Nothing was written; this read only says why.
        const row = await tx.product.findUnique({ where: { id }, select: { status: true } });
        return { kind: !row || row.status !== "active" ? "archived" : "stale" } as const;
      });
    } catch (e) {
      if (slugTaken(e)) return { kind: "slug-taken" };
      throw e;
    }
  }

  archive(
    id: string,
    now: Date,
    expectedVersion?: number,
  ): Promise<Saved<"stale" | "already-archived" | "not-found">> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.product.updateMany({
        where: {
          id,
          status: "active",
          ...(expectedVersion === undefined ? {} : { version: expectedVersion }),
        },
        data: { status: "archived", updatedAt: now, version: { increment: 1 } },
      });
      if (count === 1) return saved(await recordProductEvents(tx, productArchived, [id], now));
      const row = await tx.product.findUnique({ where: { id }, select: { status: true } });
      if (!row) return { kind: "not-found" } as const;
      return { kind: row.status === "archived" ? "already-archived" : "stale" } as const;
    });
  }

  async findById(id: string) {
    const row = await this.db.product.findUnique({ where: { id }, include: withCategory });
    return row && toProduct(row);
  }

  moveStock(id: string, delta: number, now: Date): Promise<StockMove> {
    return this.db.$transaction(async (tx): Promise<StockMove> => {
      const count = await guardedStockMove(tx, id, delta, now);
      if (count === 1) {
        const [product] = await recordProductEvents(tx, productStockChanged, [id], now);
        return { kind: "moved", product: product! };
      }
      const row = await tx.product.findUnique({ where: { id }, select: { stock: true } });
      if (!row) return { kind: "not-found" };
      return { kind: delta < 0 ? "insufficient" : "over-limit", available: row.stock };
    });
  }
}

function saved(products: ProductWithCategory[]): { kind: "saved"; product: ProductWithCategory } {
  return { kind: "saved", product: products[0]! };
}

/**
 * stock += delta (and version + 1) as one conditional UPDATE, only if an addition stays within
 * MAX_STOCK and a removal at or above 0 (a stock above the bound, left by a release, can only
 * be lowered; with `activeOnly`, only on an active product); returns 1 if it moved, 0 if
 * not. Concurrent moves serialize on the row lock and each sees the stock the previous one left,
 * so the guard cannot be raced. Admin moves and the saga's reservations both go through here;
 * the caller records the product.stock-changed event on the same transaction.
 */
async function guardedStockMove(
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
      stock: delta > 0 ? { lte: MAX_STOCK - delta } : { gte: -delta },
    },
    data: { stock: { increment: delta }, updatedAt: now, version: { increment: 1 } },
  });
  return count;
}
