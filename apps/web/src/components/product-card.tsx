import Link from "next/link";
import { formatMoney, type Product } from "@shop/contracts";
import { StockBadge } from "./stock-badge";

export function ProductCard({
  product,
  priority = false,
}: {
  product: Product;
  priority?: boolean;
}) {
  return (
    <Link href={`/products/${product.slug}`} className="group block focus-visible:outline-offset-4">
      <div className="relative aspect-square overflow-hidden rounded-2xl bg-stone-100">
        <img
          src={product.image ?? "/images/placeholder.svg"}
          alt=""
          width={400}
          height={400}
          loading={priority ? "eager" : "lazy"}
          className="size-full object-cover transition duration-300 group-hover:scale-[1.03]"
        />
        {product.stock <= 5 && (
          <div className="absolute left-3 top-3">
            <StockBadge stock={product.stock} compact />
          </div>
        )}
      </div>
      <div className="mt-3 flex flex-col gap-1 sm:flex-row sm:items-start sm:justify-between sm:gap-3">
        <div>
          <h3 className="font-medium text-stone-900 group-hover:text-brand-700">{product.name}</h3>
          <p className="text-sm text-stone-500">{product.category.name}</p>
        </div>
        <p className="font-semibold text-stone-900">{formatMoney(product.priceCents)}</p>
      </div>
    </Link>
  );
}

export function ProductGrid({
  products,
  priorityCount = 0,
}: {
  products: Product[];
  priorityCount?: number;
}) {
  return (
    <ul className="grid grid-cols-2 gap-x-4 gap-y-8 sm:gap-x-6 md:grid-cols-3 lg:grid-cols-4">
      {products.map((p, i) => (
        <li key={p.id}>
          <ProductCard product={p} priority={i < priorityCount} />
        </li>
      ))}
    </ul>
  );
}
