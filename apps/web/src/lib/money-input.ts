/**
 * Helpers for numbers typed into admin forms. Amounts are parsed as text, digit by digit,
 * so "12.99" becomes exactly 1299 cents (never 1298.9999… as `parseFloat * 100` can give).
 */

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

/** Leading minus signs people type: ASCII hyphen-minus and the Unicode minus (U+2212). */
const MINUS = /^[-\u2212]/;
const AMOUNT = /^(\d*)(?:\.(\d*))?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
/** Far above any price the contract allows; keeps the arithmetic below 2^53. */
const MAX_WHOLE_DIGITS = 12;

/**
 * "12.99", "$1,299.5", " 7 " → cents. Negative, malformed or over-precise amounts are errors,
 * worded for the field (`label`).
 */
export function dollarsToCents(input: string, label = "Price"): Parsed {
  let text = input.trim();
  if (text === "") return { ok: false, error: `${label} is required` };
  let negative = false;
  if (MINUS.test(text)) {
    negative = true;
    text = text.slice(1).trim();
  }
  if (text.startsWith("$")) text = text.slice(1).trim();
  if (!negative && MINUS.test(text)) {
    negative = true;
    text = text.slice(1).trim();
  }
  if (GROUPED.test(text)) text = text.replaceAll(",", "");
  const match = AMOUNT.exec(text);
  const whole = match?.[1] ?? "";
  const fraction = match?.[2] ?? "";
  if (!match || (whole === "" && fraction === "")) {
    return { ok: false, error: "Enter an amount in dollars, like 12.99" };
  }
  if (negative && /[1-9]/.test(whole + fraction))
    return { ok: false, error: `${label} cannot be negative` };
  if (fraction.length > 2 && /[1-9]/.test(fraction.slice(2))) {
    return { ok: false, error: "Use at most two decimal places (whole cents)" };
  }
  const digits = whole.replace(/^0+/, "");
  if (digits.length > MAX_WHOLE_DIGITS) return { ok: false, error: `${label} is too high` };
  const cents = Number(digits || "0") * 100 + Number(fraction.slice(0, 2).padEnd(2, "0"));
  return { ok: true, value: cents };
}

/** 1299 → "12.99", 500 → "5.00": the text an amount field is pre-filled with. */
export function centsToDollars(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * A whole number as typed: "12", "+10", "-3" (signs only when `signed`). Returns NaN for
 * anything else, so the contract's zod schema reports it with its own message.
 */
export function parseWholeNumber(input: string, { signed = false } = {}): number {
  const text = input.trim().replace(MINUS, "-");
  const pattern = signed ? /^[+-]?\d{1,9}$/ : /^\d{1,9}$/;
  if (!pattern.test(text)) return Number.NaN;
  return Number(text);
}
