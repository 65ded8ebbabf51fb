/*
 * How a shopper's search text is matched (product-listing-query.ts runs it):
 *
 * - text made of words ("walnut lamp", "pour-over") is a word search: every word, stemmed by
 *   PostgreSQL's English configuration and as a prefix, must be among a product's words
 *   (read.catalog_product.search_words, a GIN index). So "Lamps" finds "lamp", "lam" finds
 *   "Lamp", any case, in any order. Only if that finds nothing, the same text is searched as a
 *   substring of the name or the description ("ook" finds "Notebook") or as a misspelt word of
 *   the name ("ceramik" finds "Ceramic Mug"), both on the trigram indexes;
 * - any other text ("100%", "a_b", "1/2") is what the shopper typed literally: a substring of
 *   the name or the description, as LIKE matches it with its wildcards escaped.
 */

export type SearchMatch =
  | { kind: "words"; tsquery: string; text: string }
  | { kind: "text"; pattern: string; text: string; typos: boolean };

/** Letters, digits, spaces, and the hyphens and apostrophes inside words. */
const ONLY_WORDS = /^[\p{L}\p{N}\s'-]+$/u;
const WORD = /[\p{L}\p{N}]+/gu;

/** LIKE's wildcards in a shopper's text are searched literally ("50%", "a_b"). */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * The first way to match `q`. Words become to_tsquery's syntax with nothing of the shopper's
 * but letters and digits in it (each word `:*`, all of them required), so no text can make it
 * invalid.
 */
export function searchMatchOf(q: string): SearchMatch {
  const words = ONLY_WORDS.test(q) ? q.match(WORD) : null;
  if (!words) return { kind: "text", pattern: likePattern(q), text: q, typos: false };
  return { kind: "words", tsquery: words.map((w) => `${w}:*`).join(" & "), text: q };
}

/** What to try when a word search found nothing: the substring and typo search. */
export const fallbackOf = (match: SearchMatch): SearchMatch | null =>
  match.kind === "words"
    ? { kind: "text", pattern: likePattern(match.text), text: match.text, typos: true }
    : null;
