"use client";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useId, useState } from "react";
import { MAX_CART_QUANTITY } from "@shop/contracts/display";
import { TRPCReactProvider, useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { controlClass } from "../ui/field";
import { shopErrorOf } from "../ui/shop-error";
import { useShowCart } from "./cart-cache";

/** The most the quantity menu offers at once (more can be set in the cart). */
const MENU_MAX = 10;

interface Props {
  productId: string;
  name: string;
  /** As the cached page knows it: the BFF checks the stock again when the item is added. */
  stock: number;
}

/**
 * Quantity and "Add to cart" on a product page. The page is cached for every visitor, so this
 * island knows nothing about who is looking until they click: a visitor who is not signed in is
 * then sent to sign in and brought back here.
 */
export function AddToCart(props: Props) {
  if (props.stock === 0)
    return (
      <div className="flex flex-col gap-2 sm:max-w-sm">
        <Button size="lg" disabled>
          Sold out
        </Button>
        <p className="text-xs text-stone-500">Back soon: we restock regularly.</p>
      </div>
    );
  return (
    <TRPCReactProvider>
      <AddToCartForm {...props} />
    </TRPCReactProvider>
  );
}

const isSignedOut = (e: unknown) =>
  e instanceof TRPCClientError &&
  (e.data as { code?: string } | undefined)?.code === "UNAUTHORIZED";

function AddToCartForm({ productId, name, stock }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const showCart = useShowCart();
  const id = useId();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const add = useMutation(
    trpc.cart.add.mutationOptions({
      onSuccess: (cart) => {
        showCart(cart);
        const inCart = cart.lines.find((l) => l.productId === productId)?.quantity ?? quantity;
        setAdded(`Added to your cart (${inCart} in it now).`);
      },
      onError: (e) => {
        if (isSignedOut(e)) return router.push(`/sign-in?next=${encodeURIComponent(pathname)}`);
        const { message, fieldErrors } = shopErrorOf(e);
        setError(fieldErrors.quantity?.[0] ?? fieldErrors.productId?.[0] ?? message);
      },
    }),
  );
  const choices = Math.min(stock, MENU_MAX, MAX_CART_QUANTITY);

  return (
    <form
      className="flex flex-col gap-3 sm:max-w-sm"
      aria-label={`Add ${name} to your cart`}
      onSubmit={(event) => {
        event.preventDefault();
        setAdded(null);
        setError(null);
        add.mutate({ productId, quantity });
      }}
    >
      <div className="flex gap-3">
        <div className="w-24 shrink-0">
          <label htmlFor={`${id}-quantity`} className="sr-only">
            Quantity
          </label>
          <select
            id={`${id}-quantity`}
            value={quantity}
            onChange={(e) => setQuantity(Number(e.target.value))}
            className={`${controlClass(!!error)} h-12 text-base`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          >
            {Array.from({ length: choices }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" size="lg" className="flex-1" busy={add.isPending}>
          Add to cart
        </Button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {added && (
        <p role="status" className="text-sm text-brand-700">
          {added}{" "}
          <Link href="/cart" className="font-medium underline underline-offset-2">
            View cart
          </Link>
        </p>
      )}
    </form>
  );
}
