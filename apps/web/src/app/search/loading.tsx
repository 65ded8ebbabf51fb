export default function Loading() {
  return (
    <div
      className="mx-auto max-w-7xl px-4 py-10 sm:px-6"
      aria-busy="true"
      aria-label="Loading results"
    >
      <div className="h-9 w-64 animate-pulse rounded-lg bg-stone-200" />
      <ul className="mt-8 grid grid-cols-2 gap-6 md:grid-cols-3 lg:grid-cols-4">
        {Array.from({ length: 8 }, (_, i) => (
          <li key={i}>
            <div className="aspect-square animate-pulse rounded-2xl bg-stone-200" />
            <div className="mt-3 h-4 w-3/4 animate-pulse rounded bg-stone-200" />
          </li>
        ))}
      </ul>
    </div>
  );
}
