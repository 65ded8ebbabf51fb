/** Where to go after signing in: only a path on this site, never another origin. */
export function safeNext(value: string | string[] | undefined, fallback = "/account"): string {
  const next = Array.isArray(value) ? value[0] : value;
  return next && next.startsWith("/") && !next.startsWith("//") && !next.includes("\\")
    ? next
    : fallback;
}
