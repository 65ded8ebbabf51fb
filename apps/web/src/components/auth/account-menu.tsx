"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { User } from "@shop/contracts";
import { onBalance } from "../wallet/balance-event";

/** Everything a signed-in visitor's menu needs, fetched only for one (see signed-in-menu.tsx). */
const SignedInMenu = dynamic(() => import("./signed-in-menu").then((m) => m.SignedInMenu), {
  ssr: false,
  loading: () => <span className="inline-block h-5 w-16" aria-hidden />,
});

/**
 * Who is signed in, asked by the browser after the page arrives. The header is part of every
 * cached catalog page, so it cannot depend on the visitor's cookie on the server. The tRPC
 * client is imported when the question is asked, after the page is up: this island is on every
 * page, and what it ships is downloaded before a phone shows anything (Lighthouse counts it in
 * the largest contentful paint).
 */
export function AccountMenu() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [balance, setBalance] = useState<number | null>(null);
  useEffect(() => onBalance(setBalance), []);
  useEffect(() => {
    import("./browser-client").then(({ browserClient }) =>
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
      ),
    );
  }, []);

  if (user === undefined) return <span className="inline-block h-5 w-16" aria-hidden />;
  if (!user)
    return (
      <Link href="/sign-in" className="hover:text-brand-700">
        Sign in
      </Link>
    );
  return <SignedInMenu user={user} balance={balance} />;
}
