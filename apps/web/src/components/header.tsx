import Link from "next/link";
import { AccountMenu } from "./auth/account-menu";
import { SearchBox } from "./search-box";
import { ListingLink } from "./listing-link";

export function Header() {
  return (
    <header className="sticky top-0 z-30 border-b border-stone-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <Link
          href="/"
          className="flex items-center gap-2 text-xl font-semibold tracking-tight text-brand-900"
        >
          <span
            aria-hidden
            className="grid size-8 place-items-center rounded-full bg-brand-600 font-display text-white"
          >
            M
          </span>
          Meridian
        </Link>
        <nav
          aria-label="Main"
          className="flex items-center gap-5 text-sm font-medium text-stone-600"
        >
          <Link href="/products" className="hover:text-brand-700">
            Shop all
          </Link>
          <ListingLink
            href="/products?sort=price_asc"
            className="hidden hover:text-brand-700 sm:inline"
          >
            Best value
          </ListingLink>
          <Link href="/coupons" className="hover:text-brand-700">
            Coupons
          </Link>
        </nav>
        <div className="order-last w-full sm:order-none sm:ml-auto sm:w-72">
          <SearchBox />
        </div>
        <nav aria-label="Account" className="ml-auto text-sm font-medium text-stone-600 sm:ml-0">
          <AccountMenu />
        </nav>
      </div>
    </header>
  );
}
