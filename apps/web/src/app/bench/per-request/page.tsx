import type { Metadata } from "next";

// The benchmark's yardstick (scripts/lib/page-load.mjs): the lightest page Next renders per
// request under the shop's root layout (header, footer, the same CSS), with no data and no
// client component of its own. A search is judged against it in the same run, so the figure
// says what the search adds to rendering any page, whatever the machine's load.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Per-request page", robots: { index: false } };

export default function PerRequestPage() {
  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6">
      <h1 className="font-display text-3xl font-semibold tracking-tight">Per-request page</h1>
      <p className="mt-2 text-sm text-stone-500">
        Rendered for every request, with nothing to load: what any page costs.
      </p>
    </div>
  );
}
