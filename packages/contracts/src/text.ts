import { z } from "zod";

// eslint-disable-next-line no-control-regex -- NUL is exactly what is refused
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store the text: no NUL byte, no half of a surrogate pair. */
export const isStorableText = (value: string) => !NUL.test(value) && !LONE_SURROGATE.test(value);

/** The text without what PostgreSQL cannot store: for lenient readers, like a page's URL. */
export const withoutUnstorable = (value: string) =>
  value.replace(new RegExp(`${NUL.source}|${LONE_SURROGATE.source}`, "g"), "");

export const UNSTORABLE_TEXT = "Contains a character that is not allowed";

/**
 * The base of every text field a client sends. A NUL or a lone surrogate cannot be stored
 * (PostgreSQL refuses it mid-query), so it is refused here as invalid input of that field,
 * never left to look like a database outage.
 */
export const text = () => z.string().refine(isStorableText, UNSTORABLE_TEXT);
