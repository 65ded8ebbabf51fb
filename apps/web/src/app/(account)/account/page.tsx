import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { signedInCaller } from "@/server/current-user";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };

const since = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

export default async function AccountPage() {
  const caller = await signedInCaller();
  const user = await caller.account.profile().catch((e: unknown) => {
    if (e instanceof TRPCError && e.code === "UNAUTHORIZED") redirect("/sign-in?next=/account");
    throw e;
  });
  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <h1 className="font-display text-3xl font-semibold tracking-tight sm:text-4xl">
        Hello, {user.displayName}
      </h1>
      <p className="mt-2 text-stone-600">Your account at Meridian.</p>
      <dl className="mt-8 divide-y divide-stone-200 rounded-2xl bg-white ring-1 ring-stone-200">
        {[
          ["Name", user.displayName],
          ["Email", user.email],
          ["Account type", user.role === "admin" ? "Administrator" : "Shopper"],
          ["Member since", since.format(new Date(user.createdAt))],
        ].map(([term, value]) => (
          <div key={term} className="grid grid-cols-3 gap-4 px-6 py-4 text-sm">
            <dt className="font-medium text-stone-500">{term}</dt>
            <dd className="col-span-2 text-stone-900">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-8 flex flex-wrap gap-3">
        <Link
          href="/orders"
          className="rounded-full px-5 py-2.5 text-sm font-medium ring-1 ring-stone-300 hover:ring-stone-500"
        >
          Your orders
        </Link>
        <Link
          href="/account/wallet"
          className="rounded-full px-5 py-2.5 text-sm font-medium ring-1 ring-stone-300 hover:ring-stone-500"
        >
          Your balance
        </Link>
        <Link
          href="/coupons"
          className="rounded-full px-5 py-2.5 text-sm font-medium ring-1 ring-stone-300 hover:ring-stone-500"
        >
          Coupons
        </Link>
        <Link
          href="/products"
          className="rounded-full bg-brand-600 px-5 py-2.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          Continue shopping
        </Link>
        {user.role === "admin" && (
          <Link
            href="/admin/products"
            className="rounded-full px-5 py-2.5 text-sm font-medium ring-1 ring-stone-300 hover:ring-stone-500"
          >
            Manage products
          </Link>
        )}
        <SignOutButton className="rounded-full px-5 py-2.5 text-sm font-medium text-stone-600 ring-1 ring-stone-300 hover:ring-stone-500" />
      </div>
    </div>
  );
}
