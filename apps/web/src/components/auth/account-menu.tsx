"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { formatPrice, type User } from "@shop/contracts";
import { CartLink } from "../cart/cart-link";
import { browserClient } from "./browser-client";
import { onBalance } from "../wallet/balance-event";
import { SignOutButton } from "./sign-out-button";

/**
 * Who is signed in, asked by the browser after the page arrives. The header is part of every
 * cached catalog page, so it cannot depend on the visitor's cookie on the server.
 */
export function AccountMenu() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [balance, setBalance] = useState<number | null>(null);
  useEffect(() => onBalance(setBalance), []);
  useEffect(() => {
    browserClient.auth.me.query().then(
      (me) => {
        setUser(me);
        // The balance is a nicety: if the wallet cannot answer, the menu simply goes without it.
        if (me)
          browserClient.wallet.balance.query().then(
            (b) => setBalance(b.balanceCents),
            () => {},
          );
      },
      () => setUser(null),
    );
  }, []);

  if (user === undefined) return <span className="inline-block h-5 w-16" aria-hidden />;
  if (!user)
    return (
      <Link href="/sign-in" className="hover:text-brand-700">
        Sign in
      </Link>
    );
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
          {formatPrice(balance)}
        </Link>
      )}
      <SignOutButton className="text-stone-500 hover:text-brand-700" />
      <CartLink />
    </span>
  );
}
