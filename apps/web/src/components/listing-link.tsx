import type { AnchorHTMLAttributes } from "react";

/**
 * A link to a filtered listing (/products?…) is a plain anchor, not next/link: the client
 * router keys the static /products page without its query, so a soft navigation would show
 * the unfiltered list. A full load goes through src/proxy.ts and is a cache hit anyway.
 */
export function ListingLink(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} />;
}
