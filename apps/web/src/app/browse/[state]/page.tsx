import type { Metadata } from "next";
import { ListingPage, listingStateOf } from "@/components/listing-page";

// Reached through the rewrite of /products?<state> (src/http/listing-rewrite.ts): every state
// but a search is a cached page, refreshed within 60 s and at once on admin edits.
export const revalidate = 60;
export const generateStaticParams = async (): Promise<{ state: string }[]> => [];

type Props = { params: Promise<{ state: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const state = await listingStateOf(params, false);
  return {
    title: state.category ? `Shop ${state.category.replace(/-/g, " ")}` : "Shop all products",
    ...(state.min !== undefined || state.max !== undefined ? { robots: { index: false } } : {}),
  };
}

export default async function BrowsePage({ params }: Props) {
  return <ListingPage state={await listingStateOf(params, false)} />;
}
