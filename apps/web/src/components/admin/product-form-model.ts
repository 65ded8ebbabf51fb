import {
  createProductInput,
  priceCents,
  updateProductInput,
  type CreateProductInput,
  type FieldErrors,
  type Product,
  type UpdateProductInput,
} from "@shop/contracts";
import { z } from "zod";
import { centsToDollars, dollarsToCents, parseWholeNumber } from "@/lib/money-input";

export const PRODUCT_FIELDS = [
  "name",
  "slug",
  "category",
  "price",
  "stock",
  "description",
  "image",
] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number];

/** The contract's field names (in zod issues and the server's fieldErrors) → the form's fields. */
export const FIELD_OF: Readonly<Record<string, ProductField>> = {
  name: "name",
  slug: "slug",
  categorySlug: "category",
  priceCents: "price",
  stock: "stock",
  description: "description",
  image: "image",
};

/** What the inputs hold: text, exactly as typed. */
export type ProductFormValues = Record<ProductField, string>;

export const emptyValues: ProductFormValues = {
  name: "",
  slug: "",
  category: "",
  price: "",
  stock: "0",
  description: "",
  image: "",
};

export function valuesOf(p: Product): ProductFormValues {
  return {
    name: p.name,
    slug: p.slug,
    category: p.category.slug,
    price: centsToDollars(p.priceCents),
    stock: String(p.stock),
    description: p.description,
    image: p.image ?? "",
  };
}

/** The price field's own check, run as it is typed and on blur. */
export function priceError(text: string): string | undefined {
  const parsed = dollarsToCents(text);
  if (!parsed.ok) return parsed.error;
  const checked = priceCents.safeParse(parsed.value);
  return checked.success ? undefined : checked.error.issues[0]?.message;
}

export type Checked<T> = { ok: true; input: T } | { ok: false; fieldErrors: FieldErrors };

function fromValues(v: ProductFormValues) {
  const price = dollarsToCents(v.price);
  const raw = {
    name: v.name,
    slug: v.slug.trim() || undefined,
    description: v.description,
    categorySlug: v.category,
    priceCents: price.ok ? price.value : 0,
    image: v.image.trim() || null,
  };
  const extra: FieldErrors = {};
  if (!price.ok) extra.priceCents = [price.error];
  if (v.category === "") extra.categorySlug = ["Choose a category"];
  return { raw, extra };
}

function collect(error: z.ZodError | undefined, extra: FieldErrors): FieldErrors {
  const fromZod = error ? (z.flattenError(error).fieldErrors as FieldErrors) : {};
  return { ...fromZod, ...extra };
}

/** Validates the create form with the contract's own schema, as the BFF will. */
export function checkCreate(v: ProductFormValues): Checked<CreateProductInput> {
  const { raw, extra } = fromValues(v);
  const stock = v.stock.trim() === "" ? undefined : parseWholeNumber(v.stock, { signed: true });
  const result = createProductInput.safeParse({ ...raw, stock });
  const fieldErrors = collect(result.error, extra);
  if (!result.success || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, input: result.data };
}

/**
 * Validates the edit form; the input carries the fields that changed and the version the form
 * was loaded with (a save from a stale copy is refused: STALE_PRODUCT, shown as the form's error).
 */
export function checkUpdate(product: Product, v: ProductFormValues): Checked<UpdateProductInput> {
  const { raw, extra } = fromValues(v);
  const result = updateProductInput.safeParse({
    id: product.id,
    expectedVersion: product.version,
    ...raw,
  });
  const fieldErrors = collect(result.error, extra);
  if (!result.success || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const next = result.data;
  const input: UpdateProductInput = { id: product.id, expectedVersion: product.version };
  if (next.name !== product.name) input.name = next.name;
  if (next.slug !== undefined && next.slug !== product.slug) input.slug = next.slug;
  if (next.description !== product.description) input.description = next.description;
  if (next.categorySlug !== product.category.slug) input.categorySlug = next.categorySlug;
  if (next.priceCents !== product.priceCents) input.priceCents = next.priceCents;
  if ((next.image ?? null) !== product.image) input.image = next.image ?? null;
  return { ok: true, input };
}

/** The slug the service derives from a name when none is given (mirrors its slugify). */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120)
    .replace(/-+$/, "");
}
