"use client";
import { useSyncExternalStore } from "react";
import { Toaster } from "sonner";

const WIDE = "(min-width: 640px)";

function subscribe(onChange: () => void) {
  const query = window.matchMedia(WIDE);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/**
 * Toasts where they never cover an action: the form panel opens on the right and keeps its
 * buttons at the bottom, so wide screens get them bottom-left; on phones, where the panel
 * fills the screen, they go to the top.
 */
export function AdminToaster() {
  const wide = useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE).matches,
    () => true,
  );
  return <Toaster position={wide ? "bottom-left" : "top-center"} richColors closeButton />;
}
