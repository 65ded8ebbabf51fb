import { notFound } from "next/navigation";
import {
  browseSegment,
  PAGE_SIZE,
  stateFromSegment,
  toCatalogQuery,
  type ListingState,
} from "@/lib/listing";
import { orBuildFallback } from "@/server/load";
import { serverCaller } from "@/server/router";
import { Listing } from "./listing";

/**
 * The listing state a /browse/ or /search/ path names (`search`: the state has a query). Only
 * the canonical segment of a state is a page, and only under its own path: anything else
 * someone types there is a 404, so no one can fill a cache with variants of the same view.
 */
export async function listingStateOf(
  params: Promise<{ state: string }>,
  search: boolean,
): Promise<ListingState> {
  const raw = (await params).state;
  let segment = raw;
  try {
    if (raw.includes("%")) segment = decodeURIComponent(raw);
  } catch {
    notFound();
  }
  const state = stateFromSegment(segment);
  if (browseSegment(state) !== segment || Boolean(state.q) !== search) notFound();
  return state;
}

/** What `next build` prerenders /products with when no service answers (an image build). */
const EMPTY_PAGE = {
  items: [],
  total: 0,
  totalCapped: false,
  page: 1,
  pageSize: PAGE_SIZE,
  pageCount: 1,
};

/**
 * Loads and renders one listing state; shared by the cached browse pages and searches. Only
 * plain /products is prerendered: built without services (an image), it starts empty and
 * fills itself in at its first revalidation, as the home page does.
 */
export async function ListingPage({ state }: { state: ListingState }) {
  const [categories, page] = await Promise.all([
    orBuildFallback(serverCaller.catalog.categories(), []),
    orBuildFallback(serverCaller.catalog.list(toCatalogQuery(state)), EMPTY_PAGE),
  ]);
  if (state.category && !categories.some((c) => c.slug === state.category)) notFound();
  // A page past the last one does not exist (and must not become a cached empty page).
  if (state.page > page.pageCount) notFound();
  return <Listing state={state} page={page} categories={categories} />;
}
