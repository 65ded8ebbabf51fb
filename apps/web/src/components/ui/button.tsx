import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-brand-600 text-white shadow-xs hover:bg-brand-700 disabled:bg-brand-600/60",
  secondary:
    "bg-white text-stone-800 ring-1 ring-inset ring-stone-300 shadow-xs hover:bg-stone-50 hover:ring-stone-400",
  danger: "bg-red-600 text-white shadow-xs hover:bg-red-700 disabled:bg-red-600/60",
  ghost: "text-stone-700 hover:bg-stone-100 hover:text-stone-900",
  "ghost-danger": "text-red-700 hover:bg-red-50 hover:text-red-800",
} as const;

const SIZES = {
  sm: "h-8 px-2.5 text-sm",
  md: "h-10 px-4 text-sm",
  lg: "h-12 px-6 text-base",
} as const;

/** A button's look, for a link that acts as one ("Checkout", "Charge your wallet"). */
export function buttonClass({
  variant = "primary",
  size = "md",
}: { variant?: keyof typeof VARIANTS; size?: keyof typeof SIZES } = {}) {
  return `inline-flex shrink-0 items-center justify-center gap-2 whitespace-nowrap rounded-lg font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-70 aria-disabled:cursor-wait aria-disabled:opacity-80 ${VARIANTS[variant]} ${SIZES[size]}`;
}

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: keyof typeof VARIANTS;
  size?: keyof typeof SIZES;
  /** Shows a spinner and refuses clicks while an action runs; the label stays the same. */
  busy?: boolean;
}

export function Button({
  variant = "primary",
  size = "md",
  busy = false,
  className = "",
  children,
  onClick,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      // Busy stays focusable (a disabled button would drop focus to the page); clicks are refused.
      aria-disabled={busy || rest["aria-disabled"] || undefined}
      aria-busy={busy || undefined}
      onClick={(event) => (busy ? event.preventDefault() : onClick?.(event))}
      className={`${buttonClass({ variant, size })} ${className}`}
    >
      {busy && (
        <svg aria-hidden viewBox="0 0 24 24" className="size-4 animate-spin" fill="none">
          <circle
            cx="12"
            cy="12"
            r="9"
            stroke="currentColor"
            strokeOpacity="0.25"
            strokeWidth="3"
          />
          <path
            d="M21 12a9 9 0 0 0-9-9"
            stroke="currentColor"
            strokeWidth="3"
            strokeLinecap="round"
          />
        </svg>
      )}
      {children}
    </button>
  );
}
