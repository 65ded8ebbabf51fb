export function stockLabel(stock: number): string {
  if (stock === 0) return "Sold out";
  if (stock <= 5) return `Only ${stock} left`;
  return "In stock";
}

export function StockBadge({ stock, compact = false }: { stock: number; compact?: boolean }) {
  const tone =
    stock === 0
      ? "bg-stone-800 text-white"
      : stock <= 5
        ? "bg-amber-100 text-amber-900 ring-1 ring-amber-300"
        : "bg-brand-50 text-brand-700 ring-1 ring-brand-100";
  return (
    <span
      className={`inline-flex items-center rounded-full font-medium ${compact ? "px-2.5 py-0.5 text-xs" : "px-3 py-1 text-sm"} ${tone}`}
    >
      {stockLabel(stock)}
    </span>
  );
}
