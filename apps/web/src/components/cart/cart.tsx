"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatMoney, MAX_CART_QUANTITY } from "@shop/contracts";
import { useTRPC } from "@/trpc/client";
import { StockBadge } from "../stock-badge";
import { Button, buttonClass } from "../ui/button";
import { shopErrorOf } from "../ui/shop-error";
import { useShowCart, type CartLine, type CartView } from "./cart-cache";

/** Why a line cannot be ordered as it is; null when it can. */
export function lineProblem(line: CartLine): string | null {
  if (!line.product) return "No longer sold: remove it to check out.";
  if (line.product.stock === 0) return "Sold out: remove it to check out.";
  if (line.quantity > line.product.stock)
    return `Only ${line.product.stock} left: lower the quantity to check out.`;
  return null;
}

/** The shopper's cart: change quantities, remove items, see what can be ordered, check out. */
export function Cart() {
  const trpc = useTRPC();
  const cart = useQuery(trpc.cart.get.queryOptions());

  if (cart.isError)
    return (
      <div
        role="alert"
        className="rounded-2xl bg-white px-6 py-10 text-center ring-1 ring-stone-200"
      >
        <p className="font-medium text-stone-900">Your cart could not be loaded</p>
        <p className="mt-1 text-sm text-stone-600">{shopErrorOf(cart.error).message}</p>
        <Button
          variant="secondary"
          className="mt-5"
          busy={cart.isFetching}
          onClick={() => void cart.refetch()}
        >
          Try again
        </Button>
      </div>
    );
  if (!cart.data)
    return <div className="h-64 animate-pulse rounded-2xl bg-white ring-1 ring-stone-200" />;
  if (cart.data.lines.length === 0) return <EmptyCart />;
  return <FilledCart cart={cart.data} />;
}

function FilledCart({ cart }: { cart: CartView }) {
  return (
    <div className="grid grid-cols-1 items-start gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <section
        aria-label="Items in your cart"
        className="rounded-2xl bg-white ring-1 ring-stone-200"
      >
        <ul className="divide-y divide-stone-100">
          {cart.lines.map((line) => (
            <Line key={line.productId} line={line} />
          ))}
        </ul>
      </section>
      <aside
        aria-labelledby="summary-heading"
        className="space-y-5 rounded-2xl bg-white p-6 ring-1 ring-stone-200 lg:sticky lg:top-24"
      >
        <h2 id="summary-heading" className="font-medium">
          Summary
        </h2>
        <dl className="space-y-2 text-sm">
          <div className="flex justify-between">
            <dt className="text-stone-600">Items</dt>
            <dd className="tabular-nums">{cart.count}</dd>
          </div>
          <div className="flex justify-between text-base font-semibold">
            <dt>Subtotal</dt>
            <dd className="tabular-nums" data-testid="cart-subtotal">
              {formatMoney(cart.subtotalCents)}
            </dd>
          </div>
        </dl>
        <p className="text-xs text-stone-500">
          Coupons and your balance come next, at checkout. Prices are confirmed when you place the
          order.
        </p>
        {cart.problems > 0 ? (
          <div className="space-y-2">
            <Button size="lg" className="w-full" disabled>
              Checkout
            </Button>
            <p role="alert" className="text-sm text-red-700">
              {cart.problems === 1
                ? "One item can't be ordered as it is: see the note on it."
                : `${cart.problems} items can't be ordered as they are: see the notes on them.`}
            </p>
          </div>
        ) : (
          <Link href="/checkout" className={`${buttonClass({ size: "lg" })} w-full`}>
            Checkout
          </Link>
        )}
        <Link
          href="/products"
          className="block text-center text-sm font-medium text-brand-700 hover:underline"
        >
          Continue shopping
        </Link>
      </aside>
    </div>
  );
}

function Line({ line }: { line: CartLine }) {
  const trpc = useTRPC();
  const showCart = useShowCart();
  const [error, setError] = useState<string | null>(null);
  const change = useMutation(
    trpc.cart.setQuantity.mutationOptions({
      onSuccess: (cart) => {
        setError(null);
        showCart(cart);
      },
      onError: (e) => {
        const { message, fieldErrors } = shopErrorOf(e);
        setError(fieldErrors.quantity?.[0] ?? fieldErrors.productId?.[0] ?? message);
      },
    }),
  );
  const set = (quantity: number) => change.mutate({ productId: line.productId, quantity });
  const { product, quantity } = line;
  const problem = lineProblem(line);
  const name = product?.name ?? "An item no longer sold";
  const most = Math.min(product?.stock ?? 0, MAX_CART_QUANTITY);

  return (
    <li
      // Phones: the controls take a row of their own under the picture and the name.
      className="grid grid-cols-[4.5rem_minmax(0,1fr)] gap-x-4 gap-y-3 px-4 py-5 sm:grid-cols-[6rem_minmax(0,1fr)_auto] sm:px-6"
      data-testid="cart-line"
    >
      <div className="size-18 overflow-hidden rounded-xl bg-stone-100 sm:size-24">
        <img
          src={product?.image ?? "/images/placeholder.svg"}
          alt=""
          width={96}
          height={96}
          className={`size-full object-cover ${product ? "" : "opacity-50 grayscale"}`}
        />
      </div>
      <div className="min-w-0 space-y-1">
        {product ? (
          <Link
            href={`/products/${product.slug}`}
            className="font-medium text-stone-900 hover:text-brand-700"
          >
            {product.name}
          </Link>
        ) : (
          <p className="font-medium text-stone-500">{name}</p>
        )}
        {product && (
          <p className="text-sm text-stone-600">{formatMoney(product.priceCents)} each</p>
        )}
        <div data-testid="line-stock">
          {product ? (
            <StockBadge stock={product.stock} compact />
          ) : (
            <span className="inline-flex items-center rounded-full bg-stone-100 px-2.5 py-0.5 text-xs font-medium text-stone-600 ring-1 ring-stone-200">
              No longer available
            </span>
          )}
        </div>
        {problem && (
          <p className="text-sm text-red-700">
            {problem}
            {product && quantity > most && most > 0 && (
              <>
                {" "}
                <button
                  type="button"
                  className="font-medium underline underline-offset-2 hover:text-red-900 disabled:cursor-wait"
                  disabled={change.isPending}
                  onClick={() => set(most)}
                >
                  Make it {most}
                </button>
              </>
            )}
          </p>
        )}
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <div className="col-span-2 flex items-center justify-between gap-3 sm:col-span-1 sm:flex-col sm:items-end sm:gap-2">
        {product ? (
          <Stepper
            name={name}
            quantity={quantity}
            max={most}
            busy={change.isPending}
            onChange={set}
          />
        ) : (
          <p className="text-sm text-stone-500">× {quantity}</p>
        )}
        <div className="flex items-center gap-3 sm:flex-col sm:items-end sm:gap-2">
          {product && (
            <p className="font-semibold tabular-nums" data-testid="line-total">
              {formatMoney(product.priceCents * quantity)}
            </p>
          )}
          <Button
            variant="ghost-danger"
            size="sm"
            aria-label={product ? `Remove ${product.name}` : "Remove the item no longer sold"}
            busy={change.isPending && change.variables?.quantity === 0}
            onClick={() => set(0)}
          >
            Remove
          </Button>
        </div>
      </div>
    </li>
  );
}

/** − quantity +; "+" stops at the stock. */
function Stepper({
  name,
  quantity,
  max,
  busy,
  onChange,
}: {
  name: string;
  quantity: number;
  max: number;
  busy: boolean;
  onChange: (quantity: number) => void;
}) {
  return (
    <div
      className="inline-flex items-center rounded-lg ring-1 ring-inset ring-stone-300"
      role="group"
      aria-label={`Quantity of ${name}`}
    >
      <button
        type="button"
        className="grid size-9 place-items-center rounded-l-lg text-lg text-stone-700 hover:bg-stone-50 disabled:cursor-not-allowed disabled:text-stone-300"
        aria-label={`One less ${name}`}
        disabled={busy || quantity <= 1}
        onClick={() => onChange(quantity - 1)}
      >
        −
      </button>
      <span
        className="w-9 text-center text-sm font-medium tabular-nums"
        aria-live="polite"
        data-testid="line-quantity"
      >
        {quantity}
      </span>
      <button
        type="button"
        className="grid size-9 place-items-center rounded-r-lg text-lg text-stone-700 hover:bg-stone-50 disabled:cursor-not-allowed disabled:text-stone-300"
        aria-label={`One more ${name}`}
        disabled={busy || quantity >= max}
        onClick={() => onChange(quantity + 1)}
      >
        +
      </button>
    </div>
  );
}

function EmptyCart() {
  return (
    <div className="flex flex-col items-center rounded-2xl bg-white px-6 py-16 text-center ring-1 ring-stone-200">
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
            d="M5 8h14l-1.2 11.1a2 2 0 0 1-2 1.9H8.2a2 2 0 0 1-2-1.9L5 8Zm4 0V6.5a3 3 0 0 1 6 0V8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </span>
      <p className="mt-4 font-medium text-stone-900">Your cart is empty</p>
      <p className="mt-1 text-sm text-stone-600">Find something you like, then add it here.</p>
      <Link
        href="/products"
        className="mt-6 rounded-full bg-brand-600 px-5 py-2.5 text-sm font-medium text-white hover:bg-brand-700"
      >
        Browse the shop
      </Link>
    </div>
  );
}
