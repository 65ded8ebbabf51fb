import type { FieldErrors, RefundOrderInput } from "@shop/contracts";
import { parseWholeNumber } from "@/lib/money-input";

/*
 * The admin's refund form as data: what each line's quantity box holds, the request it makes
 * (no line chosen: the whole order, what is not refunded yet), and the server's field errors
 * ("lines.0.quantity", keyed by the position in the request) put back on the line they are about.
 */

export interface RefundDraft {
  /** The quantity box of each line, by product id, as typed ("" or "0": not refunded). */
  quantities: Record<string, string>;
  restock: boolean;
  reason: string;
}

export interface RefundFormErrors {
  /** By product id. */
  lines: Record<string, string>;
  reason?: string;
  /** For the request as a whole (or a field the form has no place for). */
  form?: string;
}

export type RefundRequest =
  | { ok: true; input: RefundOrderInput; productIds: string[] }
  | { ok: false; errors: RefundFormErrors };

/** The request the draft makes, or the errors of the boxes that hold no whole number. */
export function refundRequest(orderId: string, draft: RefundDraft): RefundRequest {
  const lines: { productId: string; quantity: number }[] = [];
  const errors: RefundFormErrors = { lines: {} };
  for (const [productId, text] of Object.entries(draft.quantities)) {
    if (text.trim() === "") continue;
    const quantity = parseWholeNumber(text);
    if (!Number.isInteger(quantity)) errors.lines[productId] = "Enter a whole number";
    else if (quantity > 0) lines.push({ productId, quantity });
  }
  if (Object.keys(errors.lines).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      orderId,
      ...(lines.length > 0 ? { lines } : {}),
      restock: draft.restock,
      reason: draft.reason,
    },
    productIds: lines.map((l) => l.productId),
  };
}

/**
 * The server's field errors on the form: "lines.<i>..." on the i-th line of the request,
 * "reason" on the reason; anything else (or a line the request did not hold) on the form.
 */
export function refundErrorsOf(
  fieldErrors: FieldErrors,
  productIds: readonly string[],
  fallback: string,
): RefundFormErrors {
  const errors: RefundFormErrors = { lines: {} };
  const elsewhere: string[] = [];
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const message = messages[0];
    if (!message) continue;
    const [head, index] = key.split(".");
    const productId =
      head === "lines" && index !== undefined ? productIds[Number(index)] : undefined;
    if (productId) errors.lines[productId] ??= message;
    else if (head === "reason") errors.reason ??= message;
    else elsewhere.push(message);
  }
  const placed = Object.keys(errors.lines).length > 0 || errors.reason !== undefined;
  const form = elsewhere[0] ?? (placed ? undefined : fallback);
  if (form !== undefined) errors.form = form;
  return errors;
}
