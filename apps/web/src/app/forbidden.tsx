import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-widest text-brand-600">403</p>
      <h1 className="mt-3 font-display text-4xl font-semibold">This area is for admins</h1>
      <p className="mt-4 text-stone-600">
        You are signed in, but your account can’t open the admin pages.
      </p>
      <div className="mt-8 flex justify-center gap-3">
        <Link
          href="/products"
          className="rounded-full bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700"
        >
          Back to the shop
        </Link>
        <Link
          href="/account"
          className="rounded-full px-5 py-2.5 font-medium ring-1 ring-stone-300 hover:ring-stone-500"
        >
          Your account
        </Link>
      </div>
    </div>
  );
}
