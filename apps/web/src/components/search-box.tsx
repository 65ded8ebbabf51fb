/** A plain GET form: search works before (and without) any JavaScript. */
export function SearchBox({ defaultValue }: { defaultValue?: string }) {
  return (
    <form action="/products" method="get" role="search" className="relative">
      <label htmlFor="site-search" className="sr-only">
        Search products
      </label>
      <input
        id="site-search"
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder="Search products"
        maxLength={100}
        className="w-full rounded-full border border-stone-300 bg-stone-50 py-2 pl-4 pr-10 text-sm placeholder:text-stone-400 focus:border-brand-500 focus:bg-white focus:outline-none"
      />
      <button
        type="submit"
        aria-label="Search"
        className="absolute right-1.5 top-1/2 grid size-7 -translate-y-1/2 place-items-center rounded-full text-stone-500 hover:bg-stone-200"
      >
        <svg
          aria-hidden
          viewBox="0 0 20 20"
          className="size-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <circle cx="9" cy="9" r="6" />
          <path d="m14 14 4 4" strokeLinecap="round" />
        </svg>
      </button>
    </form>
  );
}
