import { Prisma } from "../../../generated/prisma/client";
import type {
  ProductFilter,
  ProductListing,
  ProductWithCategory,
} from "../../../application/ports";
import { countLimitOf } from "../../../domain/listing";
import type { Day } from "../../../domain/sales";
import type { Db } from "./client";
import { productOfRow, type ProductRow } from "./product-row";
import { fallbackOf, searchMatchOf, type SearchMatch } from "./search-match";

/*
 * The storefront's hottest query, in SQL, on the query side's catalog view
 * (read.catalog_product, which holds the category name), run on pg (db.sql) rather than through
 * Prisma, which costs several times the CPU per statement: a page and its total in one
 * statement (the total an uncorrelated subquery, computed once). Each ORDER BY but "popular"
 * matches an index of the view (migration 20261210), so a page is an index scan that stops after
 * LIMIT rows; a search matches words on its text search index, and only when that finds nothing
 * substrings and typos on its trigram indexes (search-match.ts). No command table is read.
 */

const ORDER: Record<ProductFilter["sort"], Prisma.Sql> = {
  newest: Prisma.sql`p.created_at DESC, p.id DESC`,
  // The same order as PrismaSalesView.top (units, then product id), so the listing's first
  // page starts with "Popular now"; a product with no sale in the window has 0 units.
  popular: Prisma.sql`coalesce(s.units, 0) DESC, p.id ASC`,
  price_asc: Prisma.sql`p.price_cents ASC, p.id ASC`,
  price_desc: Prisma.sql`p.price_cents DESC, p.id DESC`,
  name: Prisma.sql`p.name ASC, p.id ASC`,
};

function matchOf(m: SearchMatch): Prisma.Sql {
  if (m.kind === "words")
    return Prisma.sql`p.search_words @@ to_tsquery('english'::regconfig, ${m.tsquery})`;
  // word_similarity's `<%` (pg_trgm, at its 0.6 threshold) on the name's trigram index.
  const typos = m.typos ? Prisma.sql` OR ${m.text} <% p.name` : Prisma.empty;
  return Prisma.sql`(p.name ILIKE ${m.pattern} OR p.description ILIKE ${m.pattern}${typos})`;
}

function whereOf(f: ProductFilter, search: SearchMatch | null): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (f.status !== "all") conditions.push(Prisma.sql`p.status = ${f.status}::product_status`);
  if (f.category) conditions.push(Prisma.sql`p.category_slug = ${f.category}`);
  if (f.minPriceCents !== undefined)
    conditions.push(Prisma.sql`p.price_cents >= ${f.minPriceCents}`);
  if (f.maxPriceCents !== undefined)
    conditions.push(Prisma.sql`p.price_cents <= ${f.maxPriceCents}`);
  if (search) conditions.push(matchOf(search));
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/** The view's columns a page reads (not its search words). */
const VIEW_COLUMNS = Prisma.sql`p.id, p.slug, p.name, p.description, p.category_slug,
  p.category_name, p.price_cents, p.stock, p.image, p.status, p.created_at, p.updated_at, p.version`;

const COLUMNS = Prisma.sql`p.id::text AS id, p.slug, p.name, p.description, p.category_slug,
  p.category_name, p.price_cents, p.stock, p.image, p.status::text AS status, p.created_at,
  p.updated_at, p.version`;

/** A statement built with Prisma.sql, run on pg. */
const run = <T extends object>(db: Db, statement: Prisma.Sql) =>
  db.sql.query<T>({ text: statement.text, values: statement.values });

/** One product of the view by id or by slug. */
export async function findInView(
  db: Db,
  ref: { id: string } | { slug: string },
): Promise<ProductWithCategory | null> {
  const where = "id" in ref ? Prisma.sql`p.id = ${ref.id}::uuid` : Prisma.sql`p.slug = ${ref.slug}`;
  // Two products may hold one slug for a moment (events of a slug swap arriving out of order):
  // the most recently changed one wins.
  const { rows } = await run<ProductRow>(
    db,
    Prisma.sql`SELECT ${COLUMNS} FROM read.catalog_product p WHERE ${where}
    ORDER BY p.updated_at DESC LIMIT 1`,
  );
  return rows[0] ? productOfRow(rows[0]) : null;
}

/*
 * The "popular" sort's units, net of returns as PrismaSalesView.top counts them: the window's
 * rows of the daily sales (a range scan of its primary key (day, product_id), at most days x
 * products sold), summed per product and joined to the view. The order then depends on a sum, so no index can serve it: the page is a top-N sort of
 * the filtered view, which is why the storefront's pages are cached (ISR) and not rendered
 * per request. Other sorts join nothing.
 */
function salesJoin(f: ProductFilter, salesDays: readonly Day[]): Prisma.Sql {
  if (f.sort !== "popular") return Prisma.empty;
  return Prisma.sql`
      LEFT JOIN (SELECT product_id, sum(net_units) AS units
                 FROM read.product_sales_daily
                 WHERE day BETWEEN ${salesDays[0]}::date AND ${salesDays[salesDays.length - 1]}::date
                 GROUP BY product_id) s ON s.product_id = p.id`;
}

/**
 * A listing's statements: its page with the total on every row, and the total alone (asked only
 * when the page is empty). The total stops counting at countLimitOf(f) rows (a LIMIT inside the
 * count), and OFFSET is at most MAX_LISTING_PAGE - 1 pages (the contract's bound): neither reads
 * more rows than a shopper can page through. `search`: how f.q is matched (its first way unless
 * told).
 */
export function listingQueries(
  f: ProductFilter,
  salesDays: readonly Day[],
  search: SearchMatch | null = f.q ? searchMatchOf(f.q) : null,
): { page: Prisma.Sql; total: Prisma.Sql } {
  const where = whereOf(f, search);
  const total = Prisma.sql`SELECT count(*)::int AS total
      FROM (SELECT 1 FROM read.catalog_product p ${where} LIMIT ${countLimitOf(f)}) matches`;
  const page = Prisma.sql`LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`;
  if (search?.kind === "words")
    return { page: wordSearchPage(f, salesDays, search, where, total, page), total };
  return {
    page: Prisma.sql`
      SELECT ${COLUMNS}, (${total}) AS total
      FROM read.catalog_product p${salesJoin(f, salesDays)}
      ${where}
      ORDER BY ${ORDER[f.sort]}
      ${page}`,
    total,
  };
}

/*
 * A word search's page: its matches first, from the text search index, then their order. Left
 * to itself the planner may walk a sort's index and test every row against the words, as it
 * cannot tell how many a prefix matches: on 50,000 products a word no product has read all of
 * them (54 ms, against 0.2 ms from the index; docs/benchmarks.md). The default order of a search
 * is relevance (ts_rank: a word in the name weighs more than in the description), newest first
 * among equals; a sort the shopper picks orders the matches instead.
 */
function wordSearchPage(
  f: ProductFilter,
  salesDays: readonly Day[],
  search: Extract<SearchMatch, { kind: "words" }>,
  where: Prisma.Sql,
  total: Prisma.Sql,
  page: Prisma.Sql,
): Prisma.Sql {
  const order =
    f.sort === "newest" ? Prisma.sql`p.rank DESC, p.created_at DESC, p.id DESC` : ORDER[f.sort];
  return Prisma.sql`
      WITH p AS MATERIALIZED (
        SELECT ${VIEW_COLUMNS},
          ts_rank(p.search_words, to_tsquery('english'::regconfig, ${search.tsquery})) AS rank
        FROM read.catalog_product p ${where})
      SELECT ${COLUMNS}, (${total}) AS total
      FROM p${salesJoin(f, salesDays)}
      ORDER BY ${order}
      ${page}`;
}

async function listingOf(
  db: Db,
  f: ProductFilter,
  salesDays: readonly Day[],
  search: SearchMatch | null,
): Promise<ProductListing> {
  const { page, total } = listingQueries(f, salesDays, search);
  const { rows } = await run<ProductRow & { total: number }>(db, page);
  if (rows[0]) return { items: rows.map(productOfRow), total: rows[0].total };
  const counted = await run<{ total: number }>(db, total);
  return { items: [], total: counted.rows[0]?.total ?? 0 };
}

/** A listing; a word search that matches nothing is tried again as substrings and typos. */
export async function listCatalog(
  db: Db,
  f: ProductFilter,
  salesDays: readonly Day[],
): Promise<ProductListing> {
  const search = f.q ? searchMatchOf(f.q) : null;
  const listing = await listingOf(db, f, salesDays, search);
  const fallback = search && fallbackOf(search);
  if (listing.total > 0 || !fallback) return listing;
  return listingOf(db, f, salesDays, fallback);
}
