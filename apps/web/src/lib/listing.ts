import type { CatalogQuery, ProductSort } from "@shop/contracts";
import { MAX_LISTING_PAGE, productSorts, SLUG_PATTERN, withoutUnstorable } from "@shop/contracts";

/** The listing's state as it lives in the URL, so any view can be shared as a link. */
export interface ListingState {
  q?: string;
  category?: string;
  sort: ProductSort;
  page: number;
  /** Whole dollars, as a shopper types them. */
  min?: number;
  max?: number;
}

export const PAGE_SIZE = 12;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: Params, key: string): string | undefined {
  const v = params instanceof URLSearchParams ? params.get(key) : params[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === null || s.trim() === "" ? undefined : s.trim();
}

function wholeNumber(s: string | undefined, min: number, max: number): number | undefined {
  if (s === undefined || !/^\d{1,9}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

/**
 * Reads the URL leniently: a hand-edited or stale link still shows a sensible page
 * (unknown sort -> newest, bad page -> 1, swapped price bounds -> put in order).
 */
export function parseListing(params: Params): ListingState {
  const state: ListingState = {
    sort: "newest",
    page: wholeNumber(read(params, "page"), 1, MAX_LISTING_PAGE) ?? 1,
  };
  // Cut to the contract's length, then drop what cannot be stored (a NUL, or half of an emoji
  // the cut split), so a hand-edited URL still searches instead of failing.
  const q = withoutUnstorable(read(params, "q")?.slice(0, 100) ?? "");
  if (q) state.q = q;
  const category = read(params, "category");
  if (category && SLUG_PATTERN.test(category) && category.length <= 120) state.category = category;
  const sort = read(params, "sort");
  if (sort && (productSorts as readonly string[]).includes(sort)) state.sort = sort as ProductSort;
  let min = wholeNumber(read(params, "min"), 0, 1_000_000);
  let max = wholeNumber(read(params, "max"), 0, 1_000_000);
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
  if (min !== undefined) state.min = min;
  if (max !== undefined) state.max = max;
  return state;
}

/** The canonical query string of a state: fixed key order, defaults left out. */
export function listingSearch(state: ListingState): string {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  if (state.category) p.set("category", state.category);
  if (state.min !== undefined) p.set("min", String(state.min));
  if (state.max !== undefined) p.set("max", String(state.max));
  if (state.sort !== "newest") p.set("sort", state.sort);
  if (state.page > 1) p.set("page", String(state.page));
  return p.toString();
}

/** A link to the listing with some of the state changed; filters reset the page to 1. */
export function listingHref(state: ListingState, changes: Partial<ListingState> = {}): string {
  const next: ListingState = { ...state, page: 1, ...changes };
  for (const key of Object.keys(changes) as (keyof ListingState)[]) {
    if (changes[key] === undefined) delete next[key];
  }
  if (!next.page) next.page = 1;
  const search = listingSearch(next);
  return search ? `/products?${search}` : "/products";
}

export function toCatalogQuery(state: ListingState): CatalogQuery {
  return {
    q: state.q,
    category: state.category,
    minPriceCents: state.min === undefined ? undefined : state.min * 100,
    maxPriceCents: state.max === undefined ? undefined : state.max * 100,
    sort: state.sort,
    page: state.page,
    pageSize: PAGE_SIZE,
  };
}

/**
 * The page numbers a listing links to: the first, the last, and two either side of the current
 * one, with null where numbers are left out ("1 … 4 5 6 7 8 … 50").
 */
export function pageWindow(current: number, count: number): (number | null)[] {
  const shown = [...new Set([1, count, ...[-2, -1, 0, 1, 2].map((d) => current + d)])]
    .filter((n) => n >= 1 && n <= count)
    .sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1]! > 1 ? [null, n] : [n]));
}

/**
 * A link from before listings stopped at MAX_LISTING_PAGE (`?page=9000`): where it goes now,
 * the same listing's deepest page; undefined for any other URL.
 */
export function deepPageRedirect(url: string): string | undefined {
  const mark = url.indexOf("?");
  if (mark === -1 || url.slice(0, mark) !== "/products") return undefined;
  const params = new URLSearchParams(url.slice(mark + 1));
  const page = params.get("page")?.trim() ?? "";
  if (!/^\d{1,9}$/.test(page) || Number(page) <= MAX_LISTING_PAGE) return undefined;
  return `/products?${listingSearch({ ...parseListing(params), page: MAX_LISTING_PAGE })}`;
}

/** The URL parameters a listing reads (src/proxy.ts matches exactly these). */
export const LISTING_KEYS = ["q", "category", "sort", "page", "min", "max"] as const;

/**
 * Every listing state has a page of its own: /products?<state> is rewritten to its canonical
 * path (src/http/listing-rewrite.ts in our HTTP front, and src/proxy.ts under `next dev`).
 * Browsing (category, sort, price, page) is a cached page under /browse/<state> (ISR): a small,
 * bounded set of views. A search is rendered per request under /search/<state>: free text is
 * unbounded, and each search kept in Next's cache cost a cache entry's serialization and memory
 * for a view that is rarely asked again; the front keeps its answer a few seconds instead
 * (CDN-Cache-Control in next.config.ts), which is what a search asked many times needs.
 */
export const BROWSE_ALL = "all";
export const browseSegment = (state: ListingState) => listingSearch(state) || BROWSE_ALL;
export const stateFromSegment = (segment: string): ListingState =>
  parseListing(new URLSearchParams(segment === BROWSE_ALL ? "" : segment));
/** Where a listing state is rendered: /search/<state> for a search, else /browse/<state>. */
export const listingPath = (state: ListingState) =>
  `/${state.q ? "search" : "browse"}/${encodeURIComponent(browseSegment(state))}`;
