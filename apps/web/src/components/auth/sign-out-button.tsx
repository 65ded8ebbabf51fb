"use client";
import { useState } from "react";
import { browserClient } from "./browser-client";

/** Signs out, then reloads at home so every part of the page forgets the user. */
export function SignOutButton({ className = "" }: { className?: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      className={className}
      onClick={async () => {
        setBusy(true);
        try {
          await browserClient.auth.signOut.mutate();
        } finally {
          window.location.assign("/");
        }
      }}
    >
      {busy ? "Signing out…" : "Sign out"}
    </button>
  );
}
