import Link from "next/link";
import { formatMoney, type PopularProducts } from "@shop/contracts";
import { windowPhrase } from "@/lib/sales-window";
import { ListingLink } from "./listing-link";

/**
 * The home page's "Popular now": the window's best sellers with their rank and units sold.
 * A server component (no script reaches the browser for it), rendered into the cached home
 * page. Nothing sold in the window (a new shop, a quiet week): the section is left out rather
 * than shown empty.
 */
export function PopularNow({ popular }: { popular: PopularProducts | null }) {
  if (!popular || popular.items.length === 0) return null;
  const when = windowPhrase(popular.window.days);
  return (
    <section aria-labelledby="popular" className="mx-auto max-w-7xl px-4 pt-16 sm:px-6">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h2 id="popular" className="font-display text-2xl font-semibold sm:text-3xl">
            Popular now
          </h2>
          <p className="mt-1 text-sm text-stone-500">What shoppers bought most {when}</p>
        </div>
        <ListingLink
          href="/products?sort=popular"
          className="shrink-0 text-sm font-medium text-brand-700 hover:underline"
        >
          See all →
        </ListingLink>
      </div>
      {/*
        A row that scrolls sideways on a phone (snapping to the page's margin), a grid from tablet
        width up. Each item is `relative` so its screen-reader-only text, absolutely positioned,
        stays inside the scrolling row instead of widening the page.
      */}
      <ol className="-mx-4 mt-6 flex snap-x scroll-px-4 gap-4 overflow-x-auto px-4 pb-2 sm:mx-0 sm:grid sm:grid-cols-3 sm:gap-6 sm:overflow-visible sm:px-0 lg:grid-cols-5">
        {popular.items.map(({ rank, unitsSold, product }) => (
          <li
            key={product.id}
            data-testid="popular-item"
            data-rank={rank}
            className="relative w-40 shrink-0 snap-start sm:w-auto"
          >
            <Link
              href={`/products/${product.slug}`}
              className="group block focus-visible:outline-offset-4"
            >
              <div className="relative aspect-square overflow-hidden rounded-2xl bg-stone-100">
                <img
                  src={product.image ?? "/images/placeholder.svg"}
                  alt=""
                  width={400}
                  height={400}
                  loading="lazy"
                  className="size-full object-cover transition duration-300 group-hover:scale-[1.03]"
                />
                <span
                  aria-hidden
                  className={`absolute left-3 top-3 grid size-9 place-items-center rounded-full font-display text-lg font-semibold shadow-sm ring-1 ${rank === 1 ? "bg-brand-700 text-white ring-brand-800" : "bg-white/95 text-stone-900 ring-stone-200"}`}
                >
                  {rank}
                </span>
              </div>
              <h3 className="mt-3 font-medium text-stone-900 group-hover:text-brand-700">
                <span className="sr-only">Number {rank}: </span>
                {product.name}
              </h3>
              <p className="mt-1 flex flex-wrap items-baseline justify-between gap-x-2 text-sm">
                <span className="font-semibold text-stone-900">
                  {formatMoney(product.priceCents)}
                </span>
                <span className="text-stone-500" data-testid="popular-units">
                  {unitsSold} sold
                </span>
              </p>
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}
