import { Prisma } from "../../../generated/prisma/client";
import type { Product } from "../../../domain/product";
import type {
  ProductFilter,
  ProductListing,
  ProductRepository,
  ProductWithCategory,
  StockMove,
} from "../../../application/ports";
import type { Db } from "./client";

const withCategory = { category: { select: { name: true } } } as const;
type Row = Prisma.ProductGetPayload<{ include: typeof withCategory }>;

const toProduct = ({ category, ...row }: Row): ProductWithCategory => ({
  ...row,
  categoryName: category.name,
});

const ORDER: Record<ProductFilter["sort"], Prisma.ProductOrderByWithRelationInput[]> = {
  newest: [{ createdAt: "desc" }, { id: "desc" }],
  price_asc: [{ priceCents: "asc" }, { id: "asc" }],
  price_desc: [{ priceCents: "desc" }, { id: "desc" }],
  name: [{ name: "asc" }, { id: "asc" }],
};

function whereOf(f: ProductFilter): Prisma.ProductWhereInput {
  const where: Prisma.ProductWhereInput = {};
  if (f.status !== "all") where.status = f.status;
  if (f.category) where.categorySlug = f.category;
  if (f.minPriceCents !== undefined || f.maxPriceCents !== undefined)
    where.priceCents = { gte: f.minPriceCents, lte: f.maxPriceCents };
  if (f.q) {
    // Prisma puts `contains` into ILIKE '%…%' as is: escape LIKE's wildcards so "50%" or "a_b"
    // are searched literally (as the in-memory adapter does).
    const q = f.q.replace(/[\\%_]/g, "\\$&");
    where.OR = [
      { name: { contains: q, mode: "insensitive" } },
      { description: { contains: q, mode: "insensitive" } },
    ];
  }
  return where;
}

const isUniqueViolation = (e: unknown) =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

export class PrismaProductRepository implements ProductRepository {
  constructor(private readonly db: Db) {}

  async insert(p: Product): Promise<"ok" | "slug-taken"> {
    try {
      await this.db.product.create({ data: p });
      return "ok";
    } catch (e) {
      if (isUniqueViolation(e)) return "slug-taken";
      throw e;
    }
  }

  async update(p: Product): Promise<"ok" | "slug-taken"> {
    // Only the editable columns: stock only moves by delta, and the use cases pass a
    // ProductWithCategory whose extra fields (categoryName) Prisma would refuse.
    const { id, slug, name, description, categorySlug, priceCents, image, status, updatedAt } = p;
    const fields = { slug, name, description, categorySlug, priceCents, image, status, updatedAt };
    try {
      await this.db.product.update({ where: { id }, data: fields });
      return "ok";
    } catch (e) {
      if (isUniqueViolation(e)) return "slug-taken";
      throw e;
    }
  }

  async findById(id: string) {
    const row = await this.db.product.findUnique({ where: { id }, include: withCategory });
    return row && toProduct(row);
  }

  async findBySlug(slug: string) {
    const row = await this.db.product.findUnique({ where: { slug }, include: withCategory });
    return row && toProduct(row);
  }

  async list(f: ProductFilter): Promise<ProductListing> {
    const where = whereOf(f);
    const [rows, total] = await Promise.all([
      this.db.product.findMany({
        where,
        include: withCategory,
        orderBy: ORDER[f.sort],
        skip: (f.page - 1) * f.pageSize,
        take: f.pageSize,
      }),
      this.db.product.count({ where }),
    ]);
    return { items: rows.map(toProduct), total };
  }

  async moveStock(id: string, delta: number, now: Date): Promise<StockMove> {
    // One conditional UPDATE: concurrent moves serialize on the row lock and each sees the
    // stock the previous one left, so the guard cannot be raced.
    const { count } = await this.db.product.updateMany({
      where: { id, stock: { gte: Math.max(0, -delta) } },
      data: { stock: { increment: delta }, updatedAt: now },
    });
    const row = await this.db.product.findUnique({ where: { id }, include: withCategory });
    if (!row) return { kind: "not-found" };
    if (count === 0) return { kind: "insufficient", available: row.stock };
    return { kind: "moved", product: toProduct(row) };
  }
}
