import type { ProductPage } from "@shop/contracts";
import { Button } from "../ui/button";

export function ListError({
  message,
  retrying,
  onRetry,
}: {
  message: string;
  retrying: boolean;
  onRetry: () => void;
}) {
  return (
    <div role="alert" className="flex flex-col items-center px-6 py-16 text-center">
      <span
        aria-hidden
        className="grid size-12 place-items-center rounded-full bg-red-50 text-red-600 ring-1 ring-red-100"
      >
        <svg
          viewBox="0 0 24 24"
          className="size-6"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
        >
          <path
            d="M12 9v4m0 4h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </span>
      <p className="mt-4 font-medium text-stone-900">Products could not be loaded</p>
      <p className="mt-1 max-w-md text-sm text-stone-600">{message}</p>
      <Button variant="secondary" className="mt-5" busy={retrying} onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}

export function ListEmpty({
  filtered,
  page,
  onClear,
  onFirstPage,
}: {
  filtered: boolean;
  page: number;
  onClear: () => void;
  onFirstPage: () => void;
}) {
  return (
    <div className="flex flex-col items-center px-6 py-16 text-center">
      <span
        aria-hidden
        className="grid size-12 place-items-center rounded-full bg-stone-100 text-stone-500"
      >
        <svg
          viewBox="0 0 24 24"
          className="size-6"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
        >
          <path
            d="M20 7 12 3 4 7m16 0-8 4m8-4v10l-8 4m0-10L4 7m8 4v10M4 7v10l8 4"
            strokeLinejoin="round"
          />
        </svg>
      </span>
      {page > 1 ? (
        <>
          <p className="mt-4 font-medium text-stone-900">This page is empty</p>
          <p className="mt-1 text-sm text-stone-600">
            The list got shorter since this page was opened.
          </p>
          <Button variant="secondary" className="mt-5" onClick={onFirstPage}>
            Go to the first page
          </Button>
        </>
      ) : filtered ? (
        <>
          <p className="mt-4 font-medium text-stone-900">No products match these filters</p>
          <p className="mt-1 text-sm text-stone-600">
            Try another search, or clear the filters to see every product.
          </p>
          <Button variant="secondary" className="mt-5" onClick={onClear}>
            Clear filters
          </Button>
        </>
      ) : (
        <>
          <p className="mt-4 font-medium text-stone-900">No products yet</p>
          <p className="mt-1 text-sm text-stone-600">
            Use “New product” above to add the first one.
          </p>
        </>
      )}
    </div>
  );
}

export function Pagination({ page, onPage }: { page: ProductPage; onPage: (n: number) => void }) {
  const from = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const to = Math.min(page.total, page.page * page.pageSize);
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-3 border-t border-stone-200 px-4 py-3 text-sm text-stone-600 sm:px-6"
    >
      <p>
        Showing{" "}
        <span className="font-medium text-stone-900">
          {from}–{to}
        </span>{" "}
        of{" "}
        <span className="font-medium text-stone-900">
          {page.total}
          {page.totalCapped ? "+" : ""}
        </span>
      </p>
      <div className="flex items-center gap-2">
        <span className="mr-1 hidden sm:inline">
          Page {page.page} of {Math.max(page.pageCount, 1)}
        </span>
        <Button
          size="sm"
          variant="secondary"
          disabled={page.page <= 1}
          onClick={() => onPage(page.page - 1)}
        >
          Previous
        </Button>
        <Button
          size="sm"
          variant="secondary"
          disabled={page.page >= page.pageCount}
          onClick={() => onPage(page.page + 1)}
        >
          Next
        </Button>
      </div>
    </nav>
  );
}
