import type { ReactNode } from "react";

export interface ControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  className: string;
}

interface FieldProps {
  id: string;
  label: string;
  /** The error element's test id is `error-${name}`. */
  name: string;
  error?: string | undefined;
  hint?: ReactNode;
  optional?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

export const controlClass = (invalid: boolean) =>
  `block w-full rounded-lg border bg-white px-3 py-2 text-sm text-stone-900 shadow-xs placeholder:text-stone-400 focus:outline-none focus:ring-2 disabled:bg-stone-50 disabled:text-stone-500 ${
    invalid
      ? "border-red-400 focus:border-red-500 focus:ring-red-500/20"
      : "border-stone-300 hover:border-stone-400 focus:border-brand-500 focus:ring-brand-500/20"
  }`;

/**
 * A labelled control with its hint and its error, both tied to the control by
 * aria-describedby; the error is an alert so it is announced when it appears.
 */
export function Field({ id, label, name, error, hint, optional, className, children }: FieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy =
    [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <div className="mb-1.5 flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-stone-800">
          {label}
        </label>
        {optional && <span className="text-xs text-stone-400">Optional</span>}
      </div>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
        className: controlClass(!!error),
      })}
      {error && (
        <p
          id={errorId}
          role="alert"
          data-testid={`error-${name}`}
          className="mt-1.5 flex items-start gap-1.5 text-sm text-red-700"
        >
          <svg
            aria-hidden
            viewBox="0 0 20 20"
            className="mt-0.5 size-4 shrink-0"
            fill="currentColor"
          >
            <path
              fillRule="evenodd"
              d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm.75-12a.75.75 0 0 0-1.5 0v4.5a.75.75 0 0 0 1.5 0V6ZM10 14.5a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
              clipRule="evenodd"
            />
          </svg>
          <span>{error}</span>
        </p>
      )}
      {hint && (
        <p id={hintId} className="mt-1.5 text-xs text-stone-500">
          {hint}
        </p>
      )}
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
    >
      {message}
    </div>
  );
}
