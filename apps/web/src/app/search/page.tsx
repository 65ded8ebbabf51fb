import type { Metadata } from "next";
import { ListingPage } from "@/components/listing-page";
import { parseListing } from "@/lib/listing";

// /products?q=... lands here through the rewrite in src/proxy.ts: searches render per request.
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { q } = parseListing(await searchParams);
  return { title: q ? `Search: ${q}` : "Shop all products", robots: { index: false } };
}

export default async function SearchPage({ searchParams }: Props) {
  return <ListingPage state={parseListing(await searchParams)} />;
}
