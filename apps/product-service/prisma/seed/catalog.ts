// Seed catalog for the product service: the data lives in catalog.json, next to this file,
// and is parsed here with a zod schema. scripts/generate-images.mjs reads the same file to
// draw the product, category and hero images, so a product added there gets its picture.
// Prices are integer US cents.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { MAX_STOCK } from "../../src/domain/product";

const slug = z
  .string()
  .regex(/^[a-z0-9-]+$/, "a slug is lower-case letters, digits and dashes (it names the image)");

const categorySchema = z.strictObject({
  slug,
  name: z.string().min(1),
  description: z.string(),
});

const productSchema = z.strictObject({
  slug,
  name: z.string().min(1),
  description: z.string(),
  categorySlug: slug,
  price: z.int().nonnegative(), // cents; the database's product_price_non_negative
  stock: z.int().nonnegative().max(MAX_STOCK), // the database's stock bounds
  image: z.string().startsWith("/images/"),
});

const duplicates = (slugs: string[]) => slugs.filter((s, i) => slugs.indexOf(s) !== i);

export const catalogSchema = z
  .strictObject({
    categories: z.array(categorySchema).min(1),
    products: z.array(productSchema).min(1),
  })
  .superRefine(({ categories, products }, ctx) => {
    for (const [key, slugs] of [
      ["categories", categories.map((c) => c.slug)],
      ["products", products.map((p) => p.slug)],
    ] as const)
      for (const dup of new Set(duplicates(slugs)))
        ctx.addIssue({ code: "custom", path: [key], message: `slug "${dup}" appears twice` });
    const known = new Set(categories.map((c) => c.slug));
    products.forEach((p, i) => {
      if (!known.has(p.categorySlug))
        ctx.addIssue({
          code: "custom",
          path: ["products", i, "categorySlug"],
          message: `no category "${p.categorySlug}" in categories`,
        });
    });
  });

export type SeedCatalog = z.infer<typeof catalogSchema>;
export type SeedCategory = SeedCatalog["categories"][number];
export type SeedProduct = SeedCatalog["products"][number];

/**
 * Parses a catalog already read from `source` (a path, for the message). Throws one error
 * naming the file and every problem with its place, e.g. `products[3].price: ...`.
 */
export function parseCatalog(text: string, source: string): SeedCatalog {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = catalogSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const where = (path: PropertyKey[]) =>
    path.map((k, i) => (typeof k === "number" ? `[${k}]` : `${i ? "." : ""}${String(k)}`)).join("");
  const problems = parsed.error.issues.map((i) => `  ${where(i.path) || "(file)"}: ${i.message}`);
  throw new Error(`${source} is not a valid seed catalog:\n${problems.join("\n")}`);
}

export const CATALOG_FILE = new URL("./catalog.json", import.meta.url);

export function loadCatalog(file: URL | string = CATALOG_FILE): SeedCatalog {
  const path = file instanceof URL ? decodeURIComponent(file.pathname) : file;
  return parseCatalog(readFileSync(file, "utf8"), path);
}

export const { categories, products } = loadCatalog();
