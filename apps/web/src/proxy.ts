import { NextResponse, type NextRequest } from "next/server";
import { rewriteListingUrl } from "@/http/listing-rewrite";
import { deepPageRedirect } from "@/lib/listing";

/**
 * /products?<listing state> is served from its page, /browse/<state> or /search/<state>. In
 * production our HTTP front (src/main.ts) already rewrote the URL before Next saw it, so this
 * runs only under `next dev`; it is the same rewrite.
 */
export function proxy(request: NextRequest) {
  const moved = deepPageRedirect(request.nextUrl.pathname + request.nextUrl.search);
  if (moved) return NextResponse.redirect(new URL(moved, request.url), 308);
  const target = rewriteListingUrl(request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.rewrite(new URL(target, request.url));
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
