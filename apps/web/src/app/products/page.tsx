import type { Metadata } from "next";
import { ListingPage } from "@/components/listing-page";
import { parseListing } from "@/lib/listing";

// The unfiltered listing, the most visited, is a plain cached page that no rewrite touches:
// a rewrite (src/proxy.ts, for filtered views) costs about half the throughput of a cached hit.
export const revalidate = 60;
export const metadata: Metadata = { title: "Shop all products" };

export default function ProductsPage() {
  return <ListingPage state={parseListing({})} />;
}
