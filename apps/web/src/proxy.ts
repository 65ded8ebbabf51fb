import { NextResponse, type NextRequest } from "next/server";
import { browseSegment, isCacheable, parseListing } from "@/lib/listing";

/**
 * /products?category=audio&sort=price_asc is served from a cached page: the query becomes a
 * path segment (/browse/<state>) that Next renders once and keeps (ISR), so filtering and
 * paging cost a cache hit. Free-text searches and price ranges are unbounded, so they render
 * per request (/search). Both keep the shopper's URL: /products is the only address anyone sees.
 */
export function proxy(request: NextRequest) {
  const state = parseListing(request.nextUrl.searchParams);
  const url = request.nextUrl.clone();
  if (!isCacheable(state)) {
    url.pathname = "/search";
  } else {
    url.pathname = `/browse/${encodeURIComponent(browseSegment(state))}`;
    url.search = "";
  }
  return NextResponse.rewrite(url);
}

export const config = { matcher: "/products" };
