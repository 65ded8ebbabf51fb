#!/usr/bin/env node
// Generates the local, dependency-free product / category / hero illustrations
// used by the web app, from the seed catalog's data file
// (apps/product-service/prisma/seed/catalog.json). The drawings live in
// scripts/images/: random.mjs (hash, seeded random), palette.mjs (colours),
// category-objects.mjs and variant-objects.mjs (the objects), compose.mjs (which
// drawing a product gets, and the SVG documents), catalog.mjs (reads the JSON).
//
//   node scripts/generate-images.mjs
//
// Output (deterministic, safe to re-run):
//   apps/web/public/images/products/<slug>.svg        800x800
//   apps/web/public/images/categories/<category>.svg  600x400
//   apps/web/public/images/hero.svg                   1600x700

import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCatalog } from "./images/catalog.mjs";
import { categorySvg, heroSvg, productSvg } from "./images/compose.mjs";
import { COLORS } from "./images/palette.mjs";
import { fnv1a } from "./images/random.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CATALOG = join(ROOT, "apps/product-service/prisma/seed/catalog.json");
const OUT = join(ROOT, "apps/web/public/images");

function write(path, content) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

const { categories, products } = readCatalog(CATALOG);

let maxBytes = 0;
categories.forEach((cat, ci) => {
  const inCat = products.filter((p) => p.categorySlug === cat.slug);
  // Rank products within the category by slug hash so the 9 siblings always get
  // 9 distinct colours, while the assignment stays a pure function of the slugs.
  const ranked = [...inCat].sort(
    (a, b) => fnv1a(a.slug) - fnv1a(b.slug) || a.slug.localeCompare(b.slug),
  );
  ranked.forEach((prod, rank) => {
    const svg = productSvg(prod, (rank * 5 + ci * 3) % COLORS.length);
    maxBytes = Math.max(maxBytes, Buffer.byteLength(svg));
    write(join(OUT, "products", `${prod.slug}.svg`), svg);
  });
  write(join(OUT, "categories", `${cat.slug}.svg`), categorySvg(cat.slug, ci * 3 + 1));
});
const orphans = products.filter((p) => !categories.some((c) => c.slug === p.categorySlug));
orphans.forEach((prod) =>
  write(
    join(OUT, "products", `${prod.slug}.svg`),
    productSvg(prod, fnv1a(prod.slug) % COLORS.length),
  ),
);
write(join(OUT, "hero.svg"), heroSvg());

console.log(
  `generate-images: ${products.length} products, ${categories.length} categories, hero -> ${OUT} (largest product svg ${maxBytes} bytes)`,
);
