import { err, ok, type Actor, type Result } from "@shop/kernel";
import type { ProductError } from "./errors";

export type ProductStatus = "active" | "archived";

export interface Product {
  id: string;
  slug: string;
  name: string;
  description: string;
  categorySlug: string;
  /** Integer minor units (cents) of the shop's one currency. */
  priceCents: number;
  stock: number;
  image: string | null;
  status: ProductStatus;
  createdAt: Date;
  updatedAt: Date;
  /** 1 when created; every change makes it one more (the store does, in the changing statement). */
  version: number;
}

export interface ProductDraft {
  name: string;
  slug?: string | undefined;
  description: string;
  categorySlug: string;
  priceCents: number;
  stock: number;
  image?: string | null | undefined;
}

export type ProductChanges = Partial<
  Pick<Product, "name" | "slug" | "description" | "categorySlug" | "priceCents" | "image">
>;

/**
 * Who may see archived products: admins only. Anyone else sees the active catalog, whatever they
 * ask for: an archived product is not found, and a listing holds active products only.
 */
export function maySeeArchived(actor: Actor): boolean {
  return actor.role === "admin";
}

/** Turns a product name into a URL slug: "Walnut Pour-Over Stand" -> "walnut-pour-over-stand". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120)
    .replace(/-+$/, "");
}

type Fields = Partial<Pick<Product, "name" | "slug" | "priceCents" | "stock">>;

/** The catalog's rules, checked on every create and change whatever the transport checked. */
function violations(p: Fields): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (field: string, message: string) => (out[field] ??= []).push(message);
  if (p.name !== undefined && p.name.trim() === "") add("name", "Name is required");
  if (p.slug !== undefined && p.slug === "") add("slug", "Slug is required");
  if (p.priceCents !== undefined && (!Number.isInteger(p.priceCents) || p.priceCents < 0))
    add("priceCents", "Price must be a whole number of cents, not negative");
  if (p.stock !== undefined && (!Number.isInteger(p.stock) || p.stock < 0))
    add("stock", "Stock must be a whole number, not negative");
  return out;
}

function check<T>(fields: Fields, value: T): Result<T, ProductError> {
  const fieldErrors = violations(fields);
  return Object.keys(fieldErrors).length
    ? err({ code: "VALIDATION_FAILED", fieldErrors })
    : ok(value);
}

export function createProduct(
  draft: ProductDraft,
  id: string,
  now: Date,
): Result<Product, ProductError> {
  const name = draft.name.trim();
  const product: Product = {
    id,
    slug: draft.slug ?? slugify(name),
    name,
    description: draft.description.trim(),
    categorySlug: draft.categorySlug,
    priceCents: draft.priceCents,
    stock: draft.stock,
    image: draft.image ?? null,
    status: "active",
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  return check(product, product);
}

export function changeProduct(
  product: Product,
  changes: ProductChanges,
  now: Date,
): Result<Product, ProductError> {
  if (product.status === "archived")
    return err({ code: "PRODUCT_ARCHIVED", message: "An archived product cannot be edited" });
  const name = changes.name?.trim();
  const next: Product = {
    ...product,
    ...changes,
    ...(name !== undefined ? { name } : {}),
    updatedAt: now,
  };
  return check({ ...changes, ...(name !== undefined ? { name } : {}) }, next);
}

/**
 * An admin's change is made from the copy their form was loaded with: if the product changed
 * since (its version moved), saving would silently overwrite someone else's change.
 */
export const staleProduct = (): ProductError => ({
  code: "STALE_PRODUCT",
  message: "This product was changed by someone else; reload to see the changes",
});

export function archiveProduct(product: Product, now: Date): Product {
  return product.status === "archived"
    ? product
    : { ...product, status: "archived", updatedAt: now };
}

/** The rule the database enforces atomically for concurrent moves; here for a single actor. */
export function canMoveStock(stock: number, delta: number): boolean {
  if (!Number.isInteger(delta)) return false;
  return delta > 0 ? stock + delta <= MAX_STOCK : stock + delta >= 0;
}

/**
 * More than any shop holds of one thing: the most an admin may bring the stock to, far from
 * integer overflow. A release gives back every unit it took, so the stock can end above it
 * (units reserved while an admin added stock); then it can only be lowered.
 */
export const MAX_STOCK = 1_000_000;
