"use client";
import Link from "next/link";

/** Any failed render lands here: a plain message and a retry, never a stack trace. */
export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert" className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="font-display text-3xl font-semibold">The catalog is unavailable right now</h1>
      <p className="mt-4 text-stone-600">
        We’re having trouble reaching our shop right now. Please try again in a moment.
      </p>
      <div className="mt-8 flex justify-center gap-3">
        <button
          type="button"
          onClick={() => reset()}
          className="rounded-full bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700"
        >
          Try again
        </button>
        <Link
          href="/"
          className="rounded-full px-5 py-2.5 font-medium ring-1 ring-stone-300 hover:ring-stone-500"
        >
          Home
        </Link>
      </div>
    </div>
  );
}
