import { notFound } from "next/navigation";
import { toCatalogQuery, type ListingState } from "@/lib/listing";
import { serverCaller } from "@/server/router";
import { Listing } from "./listing";

/** Loads and renders one listing state; shared by the cached browse pages and searches. */
export async function ListingPage({ state }: { state: ListingState }) {
  const [categories, page] = await Promise.all([
    serverCaller.catalog.categories(),
    serverCaller.catalog.list(toCatalogQuery(state)),
  ]);
  if (state.category && !categories.some((c) => c.slug === state.category)) notFound();
  // A page past the last one does not exist (and must not become a cached empty page).
  if (state.page > page.pageCount) notFound();
  return <Listing state={state} page={page} categories={categories} />;
}
