import type { Metadata } from "next";
import { ListingPage } from "@/components/listing-page";
import { stateFromSegment } from "@/lib/listing";

// Reached through the rewrite in src/proxy.ts: /products?<filters> is cached per filter set.
export const revalidate = 60;
export const generateStaticParams = async (): Promise<{ state: string }[]> => [];

type Props = { params: Promise<{ state: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const state = stateFromSegment(decodeURIComponent((await params).state));
  return {
    title: state.category ? `Shop ${state.category.replace(/-/g, " ")}` : "Shop all products",
  };
}

export default async function BrowsePage({ params }: Props) {
  const state = stateFromSegment(decodeURIComponent((await params).state));
  return <ListingPage state={state} />;
}
