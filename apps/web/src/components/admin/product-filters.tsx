"use client";
import type { Category } from "@shop/contracts";
import { useEffect, useId, useRef, useState } from "react";
import { sortLabel } from "@/lib/sort-label";
import { controlClass } from "../ui/field";
import type { AdminFilters } from "./filters";

const SORTS = [
  { value: "newest", label: "Newest first" },
  { value: "popular", label: "Best sellers first" },
  { value: "name", label: "Name (A–Z)" },
  { value: "price_asc", label: "Price: low to high" },
  { value: "price_desc", label: "Price: high to low" },
] as const;

const STATUSES = [
  { value: "all", label: "All statuses" },
  { value: "active", label: "Active" },
  { value: "archived", label: "Archived" },
] as const;

const SEARCH_DELAY_MS = 300;
const labelClass = "mb-1 block text-xs font-medium text-stone-500";

/**
 * Search, status, category and sort. Labels deliberately avoid the product form's field
 * labels ("Category", "Name"…), so a label finds one control on the page.
 */
export function ProductFilters({
  filters,
  categories,
  onChange,
}: {
  filters: AdminFilters;
  categories: Category[] | undefined;
  onChange: (patch: Partial<AdminFilters>) => void;
}) {
  const id = useId();
  return (
    <div className="grid grid-cols-2 gap-3 border-b border-stone-200 p-4 sm:px-6 md:grid-cols-3 lg:grid-cols-[minmax(0,1fr)_10rem_12rem_12rem]">
      <div className="col-span-2 md:col-span-3 lg:col-span-1">
        <label htmlFor={`${id}-q`} className={labelClass}>
          Find products
        </label>
        <SearchInput id={`${id}-q`} value={filters.q} onSearch={(q) => onChange({ q })} />
      </div>
      <div>
        <label htmlFor={`${id}-status`} className={labelClass}>
          Status
        </label>
        <select
          id={`${id}-status`}
          value={filters.status}
          onChange={(e) => onChange({ status: e.target.value as AdminFilters["status"] })}
          className={controlClass(false)}
        >
          {STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-category`} className={labelClass}>
          Categories
        </label>
        <select
          id={`${id}-category`}
          value={filters.category}
          onChange={(e) => onChange({ category: e.target.value })}
          className={controlClass(false)}
        >
          <option value="">All categories</option>
          {categories?.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name}
            </option>
          ))}
          {filters.category && !categories?.some((c) => c.slug === filters.category) && (
            <option value={filters.category}>{filters.category}</option>
          )}
        </select>
      </div>
      <div className="col-span-2 md:col-span-1">
        <label htmlFor={`${id}-sort`} className={labelClass}>
          Sort by
        </label>
        <select
          id={`${id}-sort`}
          value={filters.sort}
          onChange={(e) => onChange({ sort: e.target.value as AdminFilters["sort"] })}
          className={controlClass(false)}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {sortLabel(s, filters.q)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** Searches as one types, once typing pauses; Enter searches at once. */
function SearchInput({
  id,
  value,
  onSearch,
}: {
  id: string;
  value: string;
  onSearch: (q: string) => void;
}) {
  const [text, setText] = useState(value);
  // Filters cleared elsewhere: show the new value instead of what was typed.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  const latest = useRef(onSearch);
  useEffect(() => {
    latest.current = onSearch;
  });
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => latest.current(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value]);

  return (
    <div className="relative">
      <svg
        aria-hidden
        viewBox="0 0 20 20"
        className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-stone-400"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <circle cx="9" cy="9" r="6" />
        <path d="m14 14 4 4" strokeLinecap="round" />
      </svg>
      <input
        id={id}
        type="search"
        value={text}
        maxLength={100}
        placeholder="Product name or slug"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === "Enter" && onSearch(text.trim())}
        className={`${controlClass(false)} pl-9`}
      />
    </div>
  );
}
