import Link from "next/link";
import { POPULAR_MAX } from "@shop/contracts";
import { ProductGrid } from "@/components/product-card";
import { orBuildFallback } from "@/server/load";
import { serverCaller } from "@/server/router";
import { ListingLink } from "@/components/listing-link";
import { PopularNow } from "@/components/popular-now";

// A cached page (ISR), like the catalog's, but refreshed every 10 s instead of 60 because
// "Popular now" moves with every completed order (no admin edit revalidates it). Visitors are
// still served from the cache: whatever the traffic, one background render per 10 s.
export const revalidate = 10;

const EMPTY_PAGE = { items: [], total: 0, totalCapped: false, page: 1, pageSize: 8, pageCount: 1 };

export default async function HomePage() {
  const [categories, newest, popular] = await Promise.all([
    orBuildFallback(serverCaller.catalog.categories(), []),
    orBuildFallback(
      serverCaller.catalog.list({ sort: "newest", pageSize: 8, page: 1 }),
      EMPTY_PAGE,
    ),
    orBuildFallback(serverCaller.catalog.popular({ limit: POPULAR_MAX }), null),
  ]);

  return (
    <>
      <section className="relative overflow-hidden bg-brand-900 text-white">
        <img
          src="/images/hero.svg"
          alt=""
          width={1600}
          height={700}
          className="absolute inset-0 size-full object-cover opacity-90"
          fetchPriority="high"
        />
        <div className="absolute inset-0 bg-gradient-to-r from-brand-900/90 via-brand-900/60 to-transparent" />
        <div className="relative mx-auto max-w-7xl px-4 py-24 sm:px-6 sm:py-32">
          <p className="text-sm font-medium uppercase tracking-[0.2em] text-brand-100">
            New season
          </p>
          <h1 className="mt-3 max-w-xl font-display text-4xl font-semibold leading-tight sm:text-6xl">
            Well-made things for every day
          </h1>
          <p className="mt-5 max-w-md text-lg text-brand-50/90">
            Kitchenware, coffee gear, audio and more, chosen to last and priced fairly.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link
              href="/products"
              className="rounded-full bg-white px-6 py-3 font-medium text-brand-900 hover:bg-brand-50"
            >
              Shop all products
            </Link>
            <ListingLink
              href="/products?sort=price_asc"
              className="rounded-full px-6 py-3 font-medium text-white ring-1 ring-white/60 hover:bg-white/10"
            >
              Best value
            </ListingLink>
          </div>
        </div>
      </section>

      <PopularNow popular={popular} />

      <section aria-labelledby="categories" className="mx-auto max-w-7xl px-4 pt-16 sm:px-6">
        <div className="flex items-end justify-between">
          <h2 id="categories" className="font-display text-2xl font-semibold sm:text-3xl">
            Shop by category
          </h2>
          <Link href="/products" className="text-sm font-medium text-brand-700 hover:underline">
            Everything →
          </Link>
        </div>
        <ul className="mt-6 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
          {categories.map((c) => (
            <li key={c.slug}>
              <ListingLink
                href={`/products?category=${c.slug}`}
                className="group block overflow-hidden rounded-2xl bg-white ring-1 ring-stone-200 hover:ring-brand-500"
              >
                <img
                  src={`/images/categories/${c.slug}.svg`}
                  alt=""
                  width={600}
                  height={400}
                  loading="lazy"
                  className="aspect-[3/2] w-full object-cover"
                />
                <p className="px-4 py-3 font-medium group-hover:text-brand-700">{c.name}</p>
              </ListingLink>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="newest" className="mx-auto max-w-7xl px-4 pt-16 sm:px-6">
        <div className="flex items-end justify-between">
          <h2 id="newest" className="font-display text-2xl font-semibold sm:text-3xl">
            New arrivals
          </h2>
          <ListingLink
            href="/products?sort=newest"
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            See all →
          </ListingLink>
        </div>
        <div className="mt-6">
          <ProductGrid products={newest.items} />
        </div>
      </section>
    </>
  );
}
