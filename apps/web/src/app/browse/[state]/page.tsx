import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ListingPage } from "@/components/listing-page";
import { browseSegment, stateFromSegment, type ListingState } from "@/lib/listing";

// Reached through the rewrite of /products?<state> (src/http/listing-rewrite.ts): every listing
// state, searches included, is a cached page, refreshed within 60 s and at once on admin edits.
export const revalidate = 60;
export const generateStaticParams = async (): Promise<{ state: string }[]> => [];

type Props = { params: Promise<{ state: string }> };

/**
 * Only the canonical segment of a cacheable state is a page: anything else someone types after
 * /browse/ is a 404, so no one can fill the page cache with variants of the same view.
 */
async function stateOf({ params }: Props): Promise<ListingState> {
  const raw = (await params).state;
  let segment = raw;
  try {
    if (raw.includes("%")) segment = decodeURIComponent(raw);
  } catch {
    notFound();
  }
  const state = stateFromSegment(segment);
  if (browseSegment(state) !== segment) notFound();
  return state;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const state = await stateOf(props);
  if (state.q) return { title: `Search: ${state.q}`, robots: { index: false } };
  return {
    title: state.category ? `Shop ${state.category.replace(/-/g, " ")}` : "Shop all products",
    ...(state.min !== undefined || state.max !== undefined ? { robots: { index: false } } : {}),
  };
}

export default async function BrowsePage(props: Props) {
  return <ListingPage state={await stateOf(props)} />;
}
