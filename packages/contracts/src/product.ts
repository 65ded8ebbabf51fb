import { z } from "zod";
import { priceCents } from "./money";
import { text } from "./text";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slug = text()
  .trim()
  .min(1, "Slug is required")
  .max(120, "Slug must be at most 120 characters")
  .regex(SLUG_PATTERN, "Use lowercase letters, digits and single dashes");

export const productStatuses = ["active", "archived"] as const;
export const productStatus = z.enum(productStatuses);
export type ProductStatus = z.infer<typeof productStatus>;

export const MAX_STOCK = 1_000_000;
export const stock = z
  .int("Stock must be a whole number")
  .min(0, "Stock cannot be negative")
  .max(MAX_STOCK, `Stock must be at most ${MAX_STOCK}`);

/**
 * An image the shop serves itself: a file under /images/. Never another origin: "//host/x"
 * is protocol-relative and "/\\host" is read as "//host" by browsers, so the path is one
 * segment after another of plain characters, with no empty, "." or ".." segment.
 */
export const IMAGE_PATH_PATTERN =
  /^\/images(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9_.-]+)+\.(?:svg|png|jpe?g|webp|avif|gif)$/;

export const imagePath = text()
  .trim()
  .max(300, "Image path is too long")
  .regex(IMAGE_PATH_PATTERN, "Use an image of this shop, like /images/products/mug.svg");

export const productName = text()
  .trim()
  .min(1, "Name is required")
  .max(120, "Name must be at most 120 characters");

export const productDescription = text()
  .trim()
  .max(2000, "Description must be at most 2000 characters");

export const productId = z.uuid("Not a valid product id");

export const categorySchema = z.object({
  slug,
  name: z.string(),
  description: z.string(),
});
export type Category = z.infer<typeof categorySchema>;

export const productSchema = z.object({
  id: productId,
  slug,
  name: z.string(),
  description: z.string(),
  category: categorySchema.pick({ slug: true, name: true }),
  priceCents,
  stock: z.int().min(0),
  image: z.string().nullable(),
  status: productStatus,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /**
   * Starts at 1 and grows by one with every change (edit, archive, stock move). An admin's save
   * carries the version its form was loaded with, and is refused (STALE_PRODUCT) if it moved.
   */
  version: z.int().min(1),
});
export type Product = z.infer<typeof productSchema>;

export const createProductInput = z.object({
  name: productName,
  slug: slug.optional(),
  description: productDescription.default(""),
  categorySlug: slug,
  priceCents,
  stock: stock.default(0),
  image: imagePath.nullable().optional(),
});
export type CreateProductInput = z.input<typeof createProductInput>;

/** The version an edit was made from (Product.version): a save from a stale copy is refused. */
export const expectedVersion = z.int().min(1);

export const updateProductInput = z.object({
  id: productId,
  expectedVersion,
  name: productName.optional(),
  slug: slug.optional(),
  description: productDescription.optional(),
  categorySlug: slug.optional(),
  priceCents: priceCents.optional(),
  image: imagePath.nullable().optional(),
});
export type UpdateProductInput = z.input<typeof updateProductInput>;

/** Archive: with `expectedVersion`, refused if the product changed since it was shown. */
export const archiveProductInput = z.object({
  id: productId,
  expectedVersion: expectedVersion.optional(),
});

/** Stock moves by a delta so concurrent changes compose; the database refuses going below 0. */
export const adjustStockInput = z.object({
  id: productId,
  delta: z
    .int("Change must be a whole number")
    .min(-MAX_STOCK, "Change is too large")
    .max(MAX_STOCK, "Change is too large")
    .refine((d) => d !== 0, "Change cannot be zero"),
});
export type AdjustStockInput = z.input<typeof adjustStockInput>;

export const getProductInput = z.union([z.object({ id: productId }), z.object({ slug })]);
export type GetProductInput = z.infer<typeof getProductInput>;

/**
 * "popular": most units sold over the popular products' window first (product-service's daily
 * sales read model; the same window and tie-break as `products.popular`, so its first page starts
 * with "Popular now"), then the products that sold nothing.
 */
export const productSorts = ["newest", "popular", "price_asc", "price_desc", "name"] as const;
export const productSort = z.enum(productSorts);
export type ProductSort = z.infer<typeof productSort>;

export const MAX_PAGE_SIZE = 60;

/**
 * The deepest page of any listing. A page is read by skipping the pages before it (OFFSET), and
 * a listing counts its matches: both grow with the catalog, so both stop here (600 products at
 * the storefront's 12 a page); past that a shopper narrows the search or the filters instead.
 */
export const MAX_LISTING_PAGE = 50;

const productQueryFields = z.object({
  q: text().trim().max(100, "Search must be at most 100 characters").optional(),
  category: slug.optional(),
  minPriceCents: priceCents.optional(),
  maxPriceCents: priceCents.optional(),
  sort: productSort.default("newest"),
  page: z
    .int()
    .min(1, "Page starts at 1")
    .max(MAX_LISTING_PAGE, `Past page ${MAX_LISTING_PAGE}: narrow the search instead`)
    .default(1),
  pageSize: z.int().min(1).max(MAX_PAGE_SIZE, `At most ${MAX_PAGE_SIZE} per page`).default(12),
});

type PriceRange = { minPriceCents?: number | undefined; maxPriceCents?: number | undefined };
const priceRangeOrdered: [(v: PriceRange) => boolean, { path: string[]; message: string }] = [
  (v) =>
    v.minPriceCents === undefined ||
    v.maxPriceCents === undefined ||
    v.minPriceCents <= v.maxPriceCents,
  { path: ["maxPriceCents"], message: "Maximum price must not be below the minimum" },
];

/** What a shopper may ask of the catalog: active products only. */
export const catalogQueryInput = productQueryFields.refine(...priceRangeOrdered);
export type CatalogQuery = z.output<typeof catalogQueryInput>;

/** What the BFF (for admins) may ask: any status. */
export const listProductsInput = productQueryFields
  .extend({ status: z.enum([...productStatuses, "all"]).default("active") })
  .refine(...priceRangeOrdered);
export type ListProductsInput = z.input<typeof listProductsInput>;
export type ProductQuery = z.output<typeof listProductsInput>;

export interface ProductPage {
  items: Product[];
  /**
   * How many products match, counted no further than the last page a listing can show
   * (MAX_LISTING_PAGE pages): with `totalCapped`, more match than that ("600+ products").
   */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  pageCount: number;
}
