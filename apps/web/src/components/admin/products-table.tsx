"use client";
import { formatMoney, type Product } from "@shop/contracts";
import { Button } from "../ui/button";

export interface RowActions {
  onEdit: (p: Product) => void;
  onStock: (p: Product) => void;
  onArchive: (p: Product) => void;
}

// The first view is rendered on the server, so times are shown in UTC: the browser's time zone
// would differ from the server's and break hydration.
const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const timeFormat = new Intl.DateTimeFormat("en-US", { timeStyle: "short", timeZone: "UTC" });

const HEADERS = [
  { label: "Product", className: "pl-4 sm:pl-6" },
  { label: "Category" },
  { label: "Price", className: "text-right" },
  { label: "Stock", className: "text-right" },
  { label: "Status" },
  { label: "Updated" },
  { label: "Actions", className: "pr-4 text-right sm:pr-6", srOnly: true },
];

export function ProductsTable({
  products,
  loading,
  stale,
  caption,
  actions,
}: {
  products: Product[];
  loading: boolean;
  /** Older results shown while new ones load. */
  stale: boolean;
  caption: string;
  actions: RowActions;
}) {
  return (
    <div className="overflow-x-auto">
      <table
        className={`w-full min-w-[60rem] text-left text-sm transition-opacity ${stale ? "opacity-60" : ""}`}
        aria-busy={loading || stale}
      >
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-stone-200 bg-stone-50/70 text-xs font-medium uppercase tracking-wide text-stone-500">
          <tr>
            {HEADERS.map((h) => (
              <th
                key={h.label}
                scope="col"
                className={`px-3 py-3 font-medium ${h.className ?? ""}`}
              >
                {h.srOnly ? <span className="sr-only">{h.label}</span> : h.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {loading
            ? Array.from({ length: 8 }, (_, i) => <SkeletonRow key={i} />)
            : products.map((p) => <ProductRow key={p.id} product={p} actions={actions} />)}
        </tbody>
      </table>
    </div>
  );
}

function ProductRow({ product: p, actions }: { product: Product; actions: RowActions }) {
  const archived = p.status === "archived";
  const updated = new Date(p.updatedAt);
  return (
    <tr className={`hover:bg-stone-50/80 ${archived ? "bg-stone-50/40" : ""}`}>
      <td className="py-3 pl-4 pr-3 sm:pl-6">
        <div className="flex items-center gap-3">
          <img
            src={p.image ?? "/images/placeholder.svg"}
            alt=""
            width={44}
            height={44}
            loading="lazy"
            className={`size-11 shrink-0 rounded-lg bg-stone-100 object-cover ring-1 ring-stone-200 ${archived ? "opacity-50 grayscale" : ""}`}
          />
          <div className="min-w-0">
            <p
              className={`max-w-[18rem] truncate font-medium ${archived ? "text-stone-500" : "text-stone-900"}`}
              title={p.name}
            >
              {p.name}
            </p>
            <p className="max-w-[18rem] truncate font-mono text-xs text-stone-500" title={p.slug}>
              {p.slug}
            </p>
          </div>
        </div>
      </td>
      <td className="px-3 py-3 text-stone-600">{p.category.name}</td>
      <td className="px-3 py-3 text-right font-medium tabular-nums text-stone-900">
        {formatMoney(p.priceCents)}
      </td>
      <td className="px-3 py-3 text-right tabular-nums">
        <StockCell stock={p.stock} />
      </td>
      <td className="px-3 py-3">
        <StatusBadge archived={archived} />
      </td>
      <td className="px-3 py-3 whitespace-nowrap text-stone-600">
        <time dateTime={p.updatedAt} title={updated.toISOString()}>
          {dateFormat.format(updated)}
          <span className="block text-xs text-stone-400">{timeFormat.format(updated)} UTC</span>
        </time>
      </td>
      <td className="py-3 pl-3 pr-4 sm:pr-6">
        <div className="flex justify-end gap-1">
          {archived ? (
            <Slot className="before:content-['Edit']" />
          ) : (
            <Button size="sm" variant="ghost" onClick={() => actions.onEdit(p)}>
              Edit
            </Button>
          )}
          <Button size="sm" variant="ghost" onClick={() => actions.onStock(p)}>
            Adjust stock
          </Button>
          {archived ? (
            <Slot className="before:content-['Archive']" />
          ) : (
            <Button size="sm" variant="ghost-danger" onClick={() => actions.onArchive(p)}>
              Archive
            </Button>
          )}
        </div>
      </td>
    </tr>
  );
}

/** Keeps the other actions in line where an archived product has no Edit or Archive. */
function Slot({ className }: { className: string }) {
  return (
    <span
      aria-hidden
      className={`invisible inline-flex h-8 items-center px-2.5 text-sm font-medium ${className}`}
    />
  );
}

function StockCell({ stock }: { stock: number }) {
  if (stock === 0)
    return (
      <span className="font-medium text-red-700">
        0 <span className="text-xs font-normal">· sold out</span>
      </span>
    );
  if (stock <= 5)
    return (
      <span className="font-medium text-amber-700">
        {stock} <span className="text-xs font-normal">· low</span>
      </span>
    );
  return <span className="text-stone-900">{stock}</span>;
}

export function StatusBadge({ archived }: { archived: boolean }) {
  return archived ? (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-stone-100 px-2.5 py-0.5 text-xs font-medium text-stone-600 ring-1 ring-inset ring-stone-200">
      <span aria-hidden className="size-1.5 rounded-full bg-stone-400" />
      Archived
    </span>
  ) : (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-medium text-brand-700 ring-1 ring-inset ring-brand-100">
      <span aria-hidden className="size-1.5 rounded-full bg-brand-500" />
      Active
    </span>
  );
}

function SkeletonRow() {
  const bar = "h-3 animate-pulse rounded bg-stone-200/80";
  return (
    <tr aria-hidden>
      <td className="py-3 pl-4 pr-3 sm:pl-6">
        <div className="flex items-center gap-3">
          <div className="size-11 animate-pulse rounded-lg bg-stone-200/80" />
          <div className="space-y-2">
            <div className={`${bar} w-40`} />
            <div className={`${bar} w-24 bg-stone-100`} />
          </div>
        </div>
      </td>
      <td className="px-3 py-3">
        <div className={`${bar} w-20`} />
      </td>
      <td className="px-3 py-3">
        <div className={`${bar} ml-auto w-14`} />
      </td>
      <td className="px-3 py-3">
        <div className={`${bar} ml-auto w-8`} />
      </td>
      <td className="px-3 py-3">
        <div className="h-5 w-16 animate-pulse rounded-full bg-stone-200/80" />
      </td>
      <td className="px-3 py-3">
        <div className={`${bar} w-20`} />
      </td>
      <td className="py-3 pl-3 pr-4 sm:pr-6">
        <div className={`${bar} ml-auto w-40`} />
      </td>
    </tr>
  );
}
