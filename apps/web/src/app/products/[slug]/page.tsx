import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { CURRENCY, formatMoney } from "@shop/contracts";
import { AddToCart } from "@/components/cart/add-to-cart";
import { ProductGrid } from "@/components/product-card";
import { StockBadge } from "@/components/stock-badge";
import { orNotFound } from "@/server/load";
import { serverCaller } from "@/server/router";
import { ListingLink } from "@/components/listing-link";

// Rendered on a product's first visit, then served from cache; admin edits refresh it at once.
export const revalidate = 60;
export const generateStaticParams = async (): Promise<{ slug: string }[]> => [];

type Props = { params: Promise<{ slug: string }> };

const loadProduct = cache((slug: string) => orNotFound(serverCaller.catalog.product({ slug })));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await loadProduct((await params).slug);
  return { title: product.name, description: product.description.slice(0, 160) };
}

export default async function ProductPage({ params }: Props) {
  const product = await loadProduct((await params).slug);
  const related = await serverCaller.catalog.list({
    category: product.category.slug,
    pageSize: 5,
    sort: "newest",
    page: 1,
  });
  const others = related.items.filter((p) => p.id !== product.id).slice(0, 4);

  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-500">
        <Link href="/" className="hover:text-brand-700">
          Home
        </Link>{" "}
        <span aria-hidden>/</span>{" "}
        <ListingLink
          href={`/products?category=${product.category.slug}`}
          className="hover:text-brand-700"
        >
          {product.category.name}
        </ListingLink>{" "}
        <span aria-hidden>/</span> <span className="text-stone-700">{product.name}</span>
      </nav>

      <article className="mt-6 grid gap-10 md:grid-cols-2 lg:gap-16">
        <div className="overflow-hidden rounded-3xl bg-stone-100">
          <img
            src={product.image ?? "/images/placeholder.svg"}
            alt={product.name}
            width={800}
            height={800}
            // The page's largest element: fetched first, before the scripts.
            fetchPriority="high"
            className="aspect-square size-full object-cover"
          />
        </div>
        <div className="flex flex-col">
          <p className="text-sm font-medium uppercase tracking-wider text-brand-600">
            {product.category.name}
          </p>
          <h1 className="mt-2 font-display text-3xl font-semibold tracking-tight sm:text-4xl">
            {product.name}
          </h1>
          <p
            className="mt-4 text-3xl font-semibold"
            aria-label={`Price ${formatMoney(product.priceCents)} ${CURRENCY}`}
          >
            {formatMoney(product.priceCents)}
          </p>
          <div className="mt-4" data-testid="stock">
            <StockBadge stock={product.stock} />
          </div>
          <p className="mt-6 max-w-prose leading-relaxed text-stone-700">{product.description}</p>
          <div className="mt-8">
            {/* A client island: the page stays cached for everyone. */}
            <AddToCart productId={product.id} name={product.name} stock={product.stock} />
          </div>
          <ul className="mt-10 space-y-2 border-t border-stone-200 pt-6 text-sm text-stone-600">
            <li>Free shipping on orders over $50</li>
            <li>30-day returns, no questions asked</li>
          </ul>
        </div>
      </article>

      {others.length > 0 && (
        <section aria-labelledby="related" className="mt-20">
          <h2 id="related" className="font-display text-2xl font-semibold">
            More from {product.category.name}
          </h2>
          <div className="mt-6">
            <ProductGrid products={others} />
          </div>
        </section>
      )}
    </div>
  );
}
