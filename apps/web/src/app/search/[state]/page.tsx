import type { Metadata } from "next";
import { ListingPage, listingStateOf } from "@/components/listing-page";

// A search, reached through the rewrite of /products?q=… (src/http/listing-rewrite.ts), is
// rendered per request: see src/lib/listing.ts for why it is not an ISR page. The front keeps
// each answer a few seconds (CDN-Cache-Control, next.config.ts), and an admin edit drops those.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ state: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const state = await listingStateOf(params, true);
  return { title: `Search: ${state.q}`, robots: { index: false } };
}

export default async function SearchPage({ params }: Props) {
  return <ListingPage state={await listingStateOf(params, true)} />;
}
