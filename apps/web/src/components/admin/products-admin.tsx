"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Product } from "@shop/contracts";
import { useEffect, useState } from "react";
import { useTRPC } from "@/trpc/client";
import { ArchiveDialog } from "./archive-dialog";
import { Button } from "../ui/button";
import {
  DEFAULT_FILTERS,
  filtersToInput,
  filtersToSearch,
  hasActiveFilters,
  type AdminFilters,
} from "./filters";
import { productCount } from "@/lib/product-count";
import { ListEmpty, ListError, Pagination } from "./list-states";
import { ProductFilters } from "./product-filters";
import { ProductForm } from "./product-form";
import { ProductsTable } from "./products-table";
import { shopErrorOf } from "../ui/shop-error";
import { StockForm } from "./stock-form";

type OpenDialog =
  { kind: "create" } | { kind: "edit" | "stock" | "archive"; product: Product } | null;

/** The product admin: filters, the table, and the dialogs that change products. */
export function ProductsAdmin({ initialFilters }: { initialFilters: AdminFilters }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState(initialFilters);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const list = useQuery(
    trpc.admin.products.list.queryOptions(filtersToInput(filters), {
      placeholderData: keepPreviousData,
    }),
  );
  const categories = useQuery(
    trpc.catalog.categories.queryOptions(undefined, { staleTime: 5 * 60_000 }),
  );

  useEffect(() => {
    const url = `${window.location.pathname}${filtersToSearch(filters)}`;
    if (url !== `${window.location.pathname}${window.location.search}`)
      window.history.replaceState(null, "", url);
  }, [filters]);

  const update = (patch: Partial<AdminFilters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const close = () => setDialog(null);
  const page = list.data;
  const error = list.isError && !list.isFetching ? shopErrorOf(list.error) : null;
  const summary = page
    ? `${productCount(page)}${hasActiveFilters(filters) ? " match" : ""}`
    : error
      ? "Product list unavailable"
      : "Loading products…";

  return (
    <>
      <div
        inert={dialog !== null}
        aria-hidden={dialog !== null || undefined}
        className="mx-auto max-w-7xl px-4 py-8 sm:px-6 sm:py-10"
      >
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight text-stone-900 sm:text-3xl">
              Products
            </h1>
            <p className="mt-1 text-sm text-stone-500" aria-live="polite">
              {summary}
              {list.isFetching && page && <span className="ml-2 text-stone-400">· Updating…</span>}
            </p>
          </div>
          <Button onClick={() => setDialog({ kind: "create" })}>
            <svg
              aria-hidden
              viewBox="0 0 20 20"
              className="-ml-0.5 size-4"
              fill="none"
              stroke="currentColor"
              strokeWidth="2.2"
            >
              <path d="M10 4v12M4 10h12" strokeLinecap="round" />
            </svg>
            New product
          </Button>
        </div>

        <section
          aria-label="Product list"
          className="mt-6 overflow-hidden rounded-2xl bg-white shadow-xs ring-1 ring-stone-200"
        >
          <ProductFilters filters={filters} categories={categories.data} onChange={update} />
          {error && !page ? (
            <ListError
              message={error.message}
              retrying={list.isFetching}
              onRetry={() => void list.refetch()}
            />
          ) : (
            <>
              {error && (
                <div
                  role="alert"
                  className="flex flex-wrap items-center justify-between gap-3 border-b border-red-200 bg-red-50 px-4 py-2.5 text-sm text-red-800 sm:px-6"
                >
                  <span>{error.message} Showing the last results.</span>
                  <Button size="sm" variant="secondary" onClick={() => void list.refetch()}>
                    Try again
                  </Button>
                </div>
              )}
              {page && page.items.length === 0 ? (
                <ListEmpty
                  filtered={hasActiveFilters(filters)}
                  page={filters.page}
                  onClear={() => setFilters({ ...DEFAULT_FILTERS, sort: filters.sort })}
                  onFirstPage={() => update({})}
                />
              ) : (
                <ProductsTable
                  products={page?.items ?? []}
                  loading={!page}
                  stale={list.isPlaceholderData}
                  caption={
                    page ? `Products, page ${page.page} of ${page.pageCount}` : "Products, loading"
                  }
                  actions={{
                    onEdit: (product) => setDialog({ kind: "edit", product }),
                    onStock: (product) => setDialog({ kind: "stock", product }),
                    onArchive: (product) => setDialog({ kind: "archive", product }),
                  }}
                />
              )}
              {page && page.total > 0 && (
                <Pagination page={page} onPage={(n) => update({ page: n })} />
              )}
            </>
          )}
        </section>
      </div>

      {dialog?.kind === "create" && (
        <ProductForm
          categories={categories.data}
          categoriesFailed={categories.isError}
          onClose={close}
        />
      )}
      {dialog?.kind === "edit" && (
        <ProductForm
          product={dialog.product}
          categories={categories.data}
          categoriesFailed={categories.isError}
          onClose={close}
        />
      )}
      {dialog?.kind === "stock" && <StockForm product={dialog.product} onClose={close} />}
      {dialog?.kind === "archive" && <ArchiveDialog product={dialog.product} onClose={close} />}
    </>
  );
}
