"use client";
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from "react";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusablesIn(root: HTMLElement | null): HTMLElement[] {
  return root ? Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)) : [];
}

interface DialogProps {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  /** "panel" slides in from the right (forms); "center" is a small centred box (confirmations). */
  variant?: "panel" | "center";
  children: ReactNode;
}

/**
 * A modal dialog: focus moves in (to `[data-autofocus]` or the first field), Tab stays inside,
 * Escape closes, and focus returns to what opened it. The page behind is made inert by the
 * caller, so assistive technology sees only the dialog.
 */
export function Dialog({ title, description, onClose, variant = "panel", children }: DialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  // Read while rendering, before the page behind turns inert and drops its focus.
  const [returnTo] = useState(() =>
    typeof document === "undefined" ? null : (document.activeElement as HTMLElement | null),
  );

  useLayoutEffect(() => {
    const panel = panelRef.current;
    const target =
      panel?.querySelector<HTMLElement>("[data-autofocus]") ??
      focusablesIn(panel?.querySelector("[data-dialog-body]") ?? null)[0] ??
      panel;
    target?.focus();
  }, []);

  useEffect(() => {
    const { overflow } = document.body.style;
    document.body.style.overflow = "hidden";
    return () => {
      document.body.style.overflow = overflow;
      // Passive cleanup runs after the page behind is interactive again.
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, [returnTo]);

  // On the document, so Escape and Tab work even when focus has slipped out (a button that
  // turned busy, a click on the backdrop).
  const latestClose = useRef(onClose);
  useEffect(() => {
    latestClose.current = onClose;
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const panel = panelRef.current;
      if (!panel || event.defaultPrevented) return;
      if (event.key === "Escape") {
        event.preventDefault();
        latestClose.current();
        return;
      }
      if (event.key !== "Tab") return;
      const nodes = focusablesIn(panel);
      const first = nodes[0];
      const last = nodes.at(-1);
      if (!first || !last) return;
      const active = document.activeElement;
      const inside = active instanceof Node && panel.contains(active) && active !== panel;
      if (!inside) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      } else if (event.shiftKey && active === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  const panel = variant === "panel";
  return (
    <div
      className={`fixed inset-0 z-50 flex ${panel ? "justify-end" : "items-center justify-center p-4"}`}
    >
      <div
        aria-hidden
        className="absolute inset-0 bg-stone-950/40 transition-opacity duration-200 starting:opacity-0"
      />
      <div
        ref={panelRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        className={
          panel
            ? "relative flex h-dvh w-full flex-col bg-white shadow-2xl outline-none transition duration-200 ease-out sm:max-w-xl starting:opacity-0 motion-safe:starting:translate-x-8"
            : "relative flex max-h-[calc(100dvh-2rem)] w-full max-w-md flex-col overflow-hidden rounded-2xl bg-white shadow-2xl outline-none transition duration-150 ease-out starting:opacity-0 motion-safe:starting:scale-95"
        }
      >
        <div className="flex items-start justify-between gap-4 border-b border-stone-200 px-6 py-4">
          <div className="min-w-0">
            <h2 id={titleId} className="text-lg font-semibold text-stone-900">
              {title}
            </h2>
            {description && (
              <div id={descriptionId} className="mt-0.5 text-sm text-stone-500">
                {description}
              </div>
            )}
          </div>
          <button
            type="button"
            onClick={onClose}
            aria-label="Close"
            className="-mr-2 grid size-9 shrink-0 place-items-center rounded-lg text-stone-500 hover:bg-stone-100 hover:text-stone-900"
          >
            <svg
              aria-hidden
              viewBox="0 0 20 20"
              className="size-5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
            >
              <path d="m5 5 10 10M15 5 5 15" strokeLinecap="round" />
            </svg>
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
