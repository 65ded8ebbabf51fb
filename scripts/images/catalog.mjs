// Reads the seed catalog (apps/product-service/prisma/seed/catalog.json), the same
// data file the product service's seed parses with its zod schema. The images need
// only each category's slug and each product's slug and category; a file without
// them stops the script with the path and the entry at fault.

import { readFileSync } from "node:fs";

const SLUG = /^[a-z0-9-]+$/;

function fail(path, where, message) {
  throw new Error(`${path}: ${where}: ${message}`);
}

function slugOf(path, where, value) {
  if (typeof value !== "string" || !SLUG.test(value))
    fail(path, where, `expected a slug (a-z, 0-9, -), got ${JSON.stringify(value)}`);
  return value;
}

/** @returns {{ categories: { slug: string, name: string }[], products: { slug: string, name: string, categorySlug: string }[] }} */
export function readCatalog(path) {
  let data;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new Error(`${path}: cannot read the catalog: ${err.message}`);
  }
  for (const key of ["categories", "products"])
    if (!Array.isArray(data?.[key]) || data[key].length === 0)
      fail(path, key, "expected a non-empty array");
  const categories = data.categories.map((c, i) => ({
    slug: slugOf(path, `categories[${i}].slug`, c?.slug),
    name: c.name,
  }));
  const products = data.products.map((p, i) => ({
    slug: slugOf(path, `products[${i}].slug`, p?.slug),
    name: p.name,
    categorySlug: slugOf(path, `products[${i}].categorySlug`, p.categorySlug),
  }));
  return { categories, products };
}
