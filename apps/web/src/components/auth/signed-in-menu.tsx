"use client";
import Link from "next/link";
import type { User } from "@shop/contracts";
import { formatMoney } from "@shop/contracts/display";
import { CartLink } from "../cart/cart-link";
import { SignOutButton } from "./sign-out-button";

/**
 * The header's menu for a signed-in shopper or admin. Loaded only once someone turns out to be
 * signed in (account-menu.tsx): with the cart link it brings TanStack Query and tRPC's React
 * bindings, which a visitor's first page does without.
 */
export function SignedInMenu({ user, balance }: { user: User; balance: number | null }) {
  return (
    <span className="flex items-center gap-4" data-testid="account-menu">
      {user.role === "admin" && (
        <Link href="/admin/products" className="hover:text-brand-700">
          Admin
        </Link>
      )}
      <Link href="/account" className="hover:text-brand-700" title={user.email}>
        Hi, {user.displayName.split(" ")[0]}
      </Link>
      {balance !== null && (
        <Link
          href="/account/wallet"
          className="rounded-full bg-stone-100 px-2.5 py-1 tabular-nums text-stone-700 hover:bg-stone-200"
          data-testid="header-balance"
          title="Your balance"
        >
          {formatMoney(balance)}
        </Link>
      )}
      <SignOutButton className="text-stone-500 hover:text-brand-700" />
      <CartLink />
    </span>
  );
}
