import { useCallback, useState } from "react";
import type { FieldErrors } from "@shop/contracts";

export type ErrorsOf<F extends string> = Partial<Record<F, string>>;

/**
 * Per-field messages for one form. Errors arrive keyed by the contract's field names (from the
 * browser's zod check or the server's `fieldErrors`); `fieldOf` maps those onto the form's
 * fields (priceCents → price). Messages for no field of the form become the form's error.
 */
export function useFieldErrors<F extends string>(fieldOf: Readonly<Record<string, F>>) {
  const [errors, setErrors] = useState<ErrorsOf<F>>({});
  const [formError, setFormError] = useState<string | null>(null);

  /** Shows these errors instead of the current ones; returns the fields that got one. */
  const show = useCallback(
    (source: FieldErrors, fallback?: string): F[] => {
      const next: ErrorsOf<F> = {};
      const unmatched: string[] = [];
      for (const [key, messages] of Object.entries(source)) {
        // The whole path first ("discount.percentOff"), then its first segment ("priceCents").
        const field = fieldOf[key] ?? fieldOf[key.split(".")[0] ?? key];
        const message = messages[0];
        if (!message) continue;
        if (field) next[field] ??= message;
        else unmatched.push(message);
      }
      setErrors(next);
      const fields = Object.keys(next) as F[];
      setFormError(unmatched[0] ?? (fields.length === 0 ? (fallback ?? null) : null));
      return fields;
    },
    [fieldOf],
  );

  const set = useCallback((field: F, message: string | undefined) => {
    setErrors((current) => {
      if (current[field] === message) return current;
      const next = { ...current };
      if (message === undefined) delete next[field];
      else next[field] = message;
      return next;
    });
  }, []);

  const reset = useCallback(() => {
    setErrors({});
    setFormError(null);
  }, []);

  return { errors, formError, setFormError, show, set, reset };
}
