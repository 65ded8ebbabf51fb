import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ListingPage } from "@/components/listing-page";
import { browseSegment, isCacheable, stateFromSegment, type ListingState } from "@/lib/listing";

// Reached through the rewrite in src/proxy.ts: /products?<filters> is cached per filter set.
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
  if (!isCacheable(state) || browseSegment(state) !== segment) notFound();
  return state;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const state = await stateOf(props);
  return {
    title: state.category ? `Shop ${state.category.replace(/-/g, " ")}` : "Shop all products",
  };
}

export default async function BrowsePage(props: Props) {
  return <ListingPage state={await stateOf(props)} />;
}
