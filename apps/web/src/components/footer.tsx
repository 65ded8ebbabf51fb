import Link from "next/link";
import { ListingLink } from "./listing-link";

export function Footer() {
  return (
    <footer className="mt-24 border-t border-stone-200 bg-white">
      <div className="mx-auto grid max-w-7xl gap-8 px-4 py-12 text-sm text-stone-600 sm:grid-cols-2 sm:px-6 lg:grid-cols-4">
        <div>
          <p className="font-semibold text-stone-900">Meridian</p>
          <p className="mt-2 max-w-xs">
            Well-made things for everyday life, chosen to last and priced fairly.
          </p>
        </div>
        <div>
          <p className="font-semibold text-stone-900">Shop</p>
          <ul className="mt-2 space-y-1">
            <li>
              <Link className="hover:text-brand-700" href="/products">
                All products
              </Link>
            </li>
            <li>
              <ListingLink className="hover:text-brand-700" href="/products?sort=newest">
                New arrivals
              </ListingLink>
            </li>
            <li>
              <ListingLink className="hover:text-brand-700" href="/products?sort=price_asc">
                Best value
              </ListingLink>
            </li>
          </ul>
        </div>
        <div>
          <p className="font-semibold text-stone-900">Service</p>
          <ul className="mt-2 space-y-1">
            <li>Free shipping over $50</li>
            <li>30-day returns</li>
            <li>Prices in US dollars</li>
          </ul>
        </div>
        <div>
          <p className="font-semibold text-stone-900">Open source</p>
          <p className="mt-2">A demo shop built as five services behind a Next.js storefront.</p>
        </div>
      </div>
      <p className="border-t border-stone-100 py-4 text-center text-xs text-stone-500">
        © {2026} Meridian Goods
      </p>
    </footer>
  );
}
