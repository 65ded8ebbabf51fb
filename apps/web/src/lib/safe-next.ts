const BASE = "http://this.site";

/** "//host" and "/\host" are protocol-relative: a browser leaves the site for them. */
const leavesSite = (path: string) => /^\/[/\\]/.test(path);

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Where to go after signing in: only a path on this site, never another origin. The value is
 * resolved the way a browser would (which drops tabs and newlines, reads "\" as "/", and
 * collapses "/./" and "/%2e%2e/"), and kept only if the result, and the result decoded and
 * resolved again, is still a plain path here. Resolving once is not enough:
 * "/.//evil.example" resolves to "//evil.example", which a browser reads as another site.
 */
export function safeNext(value: string | string[] | undefined, fallback = "/account"): string {
  const next = Array.isArray(value) ? value[0] : value;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!next || !next.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  try {
    const url = new URL(next, BASE);
    if (url.origin !== BASE) return fallback;
    const path = `${url.pathname}${url.search}${url.hash}`;
    const again = new URL(path, BASE);
    const stable =
      again.origin === BASE && `${again.pathname}${again.search}${again.hash}` === path;
    return stable && !leavesSite(path) && !leavesSite(decoded(url.pathname)) ? path : fallback;
  } catch {
    return fallback;
  }
}
