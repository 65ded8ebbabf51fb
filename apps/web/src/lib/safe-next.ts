const BASE = "http://this.site";

/**
 * Where to go after signing in: only a path on this site, never another origin. The value is
 * resolved the way a browser would (which drops tabs and newlines, and reads "\" as "/"), and
 * kept only if it stays on this site.
 */
export function safeNext(value: string | string[] | undefined, fallback = "/account"): string {
  const next = Array.isArray(value) ? value[0] : value;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!next || !next.startsWith("/") || /[\u0000-\u001f\\]/.test(next)) return fallback;
  try {
    const url = new URL(next, BASE);
    return url.origin === BASE ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}
