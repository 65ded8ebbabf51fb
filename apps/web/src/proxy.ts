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

/**
 * Only /products with a listing parameter comes here (one entry per parameter of
 * src/lib/listing.ts; Next reads this statically). Plain /products is its own cached page.
 */
export const config = {
  matcher: [
    { source: "/products", has: [{ type: "query", key: "q" }] },
    { source: "/products", has: [{ type: "query", key: "category" }] },
    { source: "/products", has: [{ type: "query", key: "sort" }] },
    { source: "/products", has: [{ type: "query", key: "page" }] },
    { source: "/products", has: [{ type: "query", key: "min" }] },
    { source: "/products", has: [{ type: "query", key: "max" }] },
  ],
};
