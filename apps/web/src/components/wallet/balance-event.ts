/*
 * The header's balance is fetched once per page; a charge (or, later, an order) made on the
 * page tells it the new balance through this window event instead of a refetch.
 */
const EVENT = "shop:balance";

export function announceBalance(cents: number) {
  window.dispatchEvent(new CustomEvent<number>(EVENT, { detail: cents }));
}

export function onBalance(listener: (cents: number) => void): () => void {
  const handle = (e: Event) => listener((e as CustomEvent<number>).detail);
  window.addEventListener(EVENT, handle);
  return () => window.removeEventListener(EVENT, handle);
}
