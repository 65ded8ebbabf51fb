/*
 * The categories are the catalog's fixed frame: seeded with it, never written through the
 * admin (product-service has no category command). Yet every search, rendered per request,
 * asked product-service for them beside its results: a second tRPC call, about a fifth of a
 * search's CPU across the two processes. So the BFF keeps the answer for a while; a reseeded
 * catalog shows its categories within that time.
 */

/**
 * An answer kept for `ttlMs` after it settles: a call within that time (or while the load is in
 * flight) gets it, a later one runs the `load` it brings (the caller's own, with its own
 * credential). A failed load is not kept, so the next call asks again.
 */
export function keptFor<T>(
  ttlMs: number,
  now: () => number = Date.now,
): (load: () => Promise<T>) => Promise<T> {
  let kept: { value: Promise<T>; until: number } | undefined;
  return (load) => {
    if (kept && now() < kept.until) return kept.value;
    const value = load();
    const entry = { value, until: Number.POSITIVE_INFINITY };
    kept = entry;
    value.then(
      () => (entry.until = now() + ttlMs),
      () => {
        if (kept === entry) kept = undefined;
      },
    );
    return value;
  };
}
