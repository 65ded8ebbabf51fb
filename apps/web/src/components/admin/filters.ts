import {
  productSorts,
  SLUG_PATTERN,
  type ListProductsInput,
  type ProductSort,
} from "@shop/contracts";

/** The admin list's state as it lives in the URL, so a filtered view can be shared or reloaded. */
export interface AdminFilters {
  q: string;
  status: "active" | "archived" | "all";
  category: string;
  sort: ProductSort;
  page: number;
}

export const ADMIN_PAGE_SIZE = 20;
export const DEFAULT_FILTERS: AdminFilters = {
  q: "",
  status: "all",
  category: "",
  sort: "newest",
  page: 1,
};
const STATUSES = ["active", "archived", "all"] as const;

type Params = Record<string, string | string[] | undefined>;

function first(params: Params, key: string): string {
  const v = params[key];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
}

/** Reads filters from search params; anything unknown falls back to the default. */
export function parseAdminFilters(params: Params): AdminFilters {
  const status = first(params, "status");
  const sort = first(params, "sort");
  const category = first(params, "category");
  const page = first(params, "page");
  return {
    q: first(params, "q").slice(0, 100),
    status: (STATUSES as readonly string[]).includes(status)
      ? (status as AdminFilters["status"])
      : "all",
    category: SLUG_PATTERN.test(category) ? category : "",
    sort: (productSorts as readonly string[]).includes(sort) ? (sort as ProductSort) : "newest",
    page: /^\d{1,4}$/.test(page) && Number(page) >= 1 ? Number(page) : 1,
  };
}

export function filtersToSearch(f: AdminFilters): string {
  const params = new URLSearchParams();
  if (f.q) params.set("q", f.q);
  if (f.status !== DEFAULT_FILTERS.status) params.set("status", f.status);
  if (f.category) params.set("category", f.category);
  if (f.sort !== DEFAULT_FILTERS.sort) params.set("sort", f.sort);
  if (f.page > 1) params.set("page", String(f.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

export function filtersToInput(f: AdminFilters): ListProductsInput {
  return {
    status: f.status,
    sort: f.sort,
    page: f.page,
    pageSize: ADMIN_PAGE_SIZE,
    ...(f.q ? { q: f.q } : {}),
    ...(f.category ? { category: f.category } : {}),
  };
}

export function hasActiveFilters(f: AdminFilters): boolean {
  return f.q !== "" || f.status !== DEFAULT_FILTERS.status || f.category !== "";
}
