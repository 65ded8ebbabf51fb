import Link from "next/link";
import type { Category, ProductPage } from "@shop/contracts";
import { listingHref, pageWindow, type ListingState } from "@/lib/listing";
import { productCount } from "@/lib/product-count";
import { sortLabel } from "@/lib/sort-label";
import { ProductGrid } from "./product-card";
import { ListingLink } from "./listing-link";

const SORTS = [
  { value: "newest", label: "Newest" },
  { value: "popular", label: "Popular" },
  { value: "price_asc", label: "Price: low to high" },
  { value: "price_desc", label: "Price: high to low" },
  { value: "name", label: "Name" },
] as const;

export function Listing({
  state,
  page,
  categories,
}: {
  state: ListingState;
  page: ProductPage;
  categories: Category[];
}) {
  const current = categories.find((c) => c.slug === state.category);
  const title = state.q ? `Results for “${state.q}”` : (current?.name ?? "All products");
  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-500">
        <Link href="/" className="hover:text-brand-700">
          Home
        </Link>{" "}
        <span aria-hidden>/</span>{" "}
        <Link href="/products" className="hover:text-brand-700">
          Shop
        </Link>
        {current && (
          <>
            {" "}
            <span aria-hidden>/</span> <span className="text-stone-700">{current.name}</span>
          </>
        )}
      </nav>
      <div className="mt-3 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="font-display text-3xl font-semibold tracking-tight sm:text-4xl">
            {title}
          </h1>
          <p className="mt-1 text-sm text-stone-500" aria-live="polite">
            {productCount(page)}
            {current?.description ? ` · ${current.description}` : ""}
          </p>
        </div>
        <nav aria-label="Sort" className="flex flex-wrap gap-2 text-sm">
          {SORTS.map((s) => (
            <ListingLink
              key={s.value}
              href={listingHref(state, { sort: s.value })}
              aria-current={state.sort === s.value ? "true" : undefined}
              className={`rounded-full px-3 py-1.5 ring-1 ${state.sort === s.value ? "bg-stone-900 text-white ring-stone-900" : "bg-white text-stone-700 ring-stone-300 hover:ring-stone-500"}`}
            >
              {sortLabel(s, state.q)}
            </ListingLink>
          ))}
        </nav>
      </div>

      <div className="mt-8 grid gap-10 lg:grid-cols-[15rem_1fr]">
        <aside className="min-w-0 space-y-5 lg:space-y-8">
          {/* On small screens the header's search box is right above; this one is for wide ones. */}
          <form action="/products" method="get" className="hidden space-y-2 lg:block">
            <label htmlFor="listing-search" className="text-sm font-semibold text-stone-900">
              Search
            </label>
            <input
              id="listing-search"
              name="q"
              type="search"
              defaultValue={state.q}
              maxLength={100}
              placeholder="Name or description"
              className="w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm focus:border-brand-500 focus:outline-none"
            />
            {state.category && <input type="hidden" name="category" value={state.category} />}
            {state.sort !== "newest" && <input type="hidden" name="sort" value={state.sort} />}
          </form>
          <nav aria-label="Categories">
            <h2 className="text-sm font-semibold text-stone-900">Categories</h2>
            <ul className="-mx-4 mt-2 flex gap-2 overflow-x-auto px-4 pb-1 text-sm lg:mx-0 lg:block lg:space-y-1 lg:overflow-visible lg:px-0">
              <li className="shrink-0">
                <ListingLink
                  href={listingHref(state, { category: undefined })}
                  aria-current={!state.category ? "page" : undefined}
                  className={`block whitespace-nowrap rounded-full px-3 py-1.5 ring-1 ring-stone-200 lg:rounded-md lg:px-2 lg:ring-0 ${!state.category ? "bg-brand-50 font-medium text-brand-700" : "text-stone-600 hover:bg-stone-100"}`}
                >
                  All categories
                </ListingLink>
              </li>
              {categories.map((c) => (
                <li key={c.slug} className="shrink-0">
                  <ListingLink
                    href={listingHref(state, { category: c.slug })}
                    aria-current={state.category === c.slug ? "page" : undefined}
                    className={`block whitespace-nowrap rounded-full px-3 py-1.5 ring-1 ring-stone-200 lg:rounded-md lg:px-2 lg:ring-0 ${state.category === c.slug ? "bg-brand-50 font-medium text-brand-700" : "text-stone-600 hover:bg-stone-100"}`}
                  >
                    {c.name}
                  </ListingLink>
                </li>
              ))}
            </ul>
          </nav>
          <form action="/products" method="get" className="space-y-2">
            <fieldset>
              <legend className="text-sm font-semibold text-stone-900">Price (USD)</legend>
              <div className="mt-2 flex items-center gap-2">
                <label className="sr-only" htmlFor="min-price">
                  Minimum price
                </label>
                <input
                  id="min-price"
                  name="min"
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  defaultValue={state.min}
                  placeholder="Min"
                  className="w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm"
                />
                <span aria-hidden className="text-stone-400">
                  –
                </span>
                <label className="sr-only" htmlFor="max-price">
                  Maximum price
                </label>
                <input
                  id="max-price"
                  name="max"
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  defaultValue={state.max}
                  placeholder="Max"
                  className="w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm"
                />
              </div>
            </fieldset>
            {state.q && <input type="hidden" name="q" value={state.q} />}
            {state.category && <input type="hidden" name="category" value={state.category} />}
            {state.sort !== "newest" && <input type="hidden" name="sort" value={state.sort} />}
            <button
              type="submit"
              className="w-full rounded-lg bg-stone-900 px-3 py-2 text-sm font-medium text-white hover:bg-stone-700"
            >
              Apply
            </button>
            {(state.min !== undefined || state.max !== undefined) && (
              <ListingLink
                href={listingHref(state, { min: undefined, max: undefined })}
                className="block text-center text-sm text-stone-500 underline"
              >
                Clear price
              </ListingLink>
            )}
          </form>
        </aside>

        <section aria-label="Products" className="min-w-0">
          {page.items.length === 0 ? (
            <div className="rounded-2xl border border-dashed border-stone-300 bg-white p-12 text-center">
              <p className="text-lg font-medium">No products match</p>
              <p className="mt-1 text-sm text-stone-500">
                Try a different search or clear the filters.
              </p>
              <Link
                href="/products"
                className="mt-4 inline-block rounded-full bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
              >
                Show all products
              </Link>
            </div>
          ) : (
            <ProductGrid products={page.items} priorityCount={4} />
          )}
          {page.pageCount > 1 && <Pagination state={state} page={page} />}
        </section>
      </div>
    </div>
  );
}

function Pagination({ state, page }: { state: ListingState; page: ProductPage }) {
  const link = "grid h-10 min-w-10 place-items-center rounded-lg px-3 text-sm ring-1";
  return (
    <>
      <nav
        aria-label="Pagination"
        className="mt-12 flex flex-wrap items-center justify-center gap-2"
      >
        {page.page > 1 && (
          <ListingLink
            rel="prev"
            href={listingHref(state, { page: page.page - 1 })}
            className={`${link} bg-white ring-stone-300 hover:ring-stone-500`}
          >
            Previous
          </ListingLink>
        )}
        {pageWindow(page.page, page.pageCount).map((n, i) =>
          n === null ? (
            <span key={`gap-${i}`} aria-hidden className="px-1 text-stone-400">
              …
            </span>
          ) : (
            <ListingLink
              key={n}
              href={listingHref(state, { page: n })}
              aria-current={n === page.page ? "page" : undefined}
              aria-label={`Page ${n}`}
              className={`${link} ${n === page.page ? "bg-stone-900 text-white ring-stone-900" : "bg-white ring-stone-300 hover:ring-stone-500"}`}
            >
              {n}
            </ListingLink>
          ),
        )}
        {page.page < page.pageCount && (
          <ListingLink
            rel="next"
            href={listingHref(state, { page: page.page + 1 })}
            className={`${link} bg-white ring-stone-300 hover:ring-stone-500`}
          >
            Next
          </ListingLink>
        )}
      </nav>
      {page.totalCapped && page.page === page.pageCount && (
        <p className="mt-4 text-center text-sm text-stone-500">
          That is as far as the list goes: narrow the search or the filters to see the rest.
        </p>
      )}
    </>
  );
}
