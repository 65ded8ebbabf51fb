"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { User } from "@shop/contracts";
import { browserClient } from "./browser-client";
import { SignOutButton } from "./sign-out-button";

/**
 * Who is signed in, asked by the browser after the page arrives. The header is part of every
 * cached catalog page, so it cannot depend on the visitor's cookie on the server.
 */
export function AccountMenu() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => {
    browserClient.auth.me.query().then(setUser, () => setUser(null));
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
      <SignOutButton className="text-stone-500 hover:text-brand-700" />
    </span>
  );
}
