/**
 * A key for one action the shopper means (placing this order): made when the form is shown and
 * sent with every attempt, so a double click or a retried request acts once. 32 hex digits
 * from the platform's random source; unlike crypto.randomUUID, getRandomValues also works on a
 * page served over plain http from another host than localhost.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
