"use client";
import { useState } from "react";

const SITE_PATH = /^\/[A-Za-z0-9/_.-]*\.[A-Za-z0-9]+$/;

/** A small preview of an image path as typed; a broken or unlikely path shows a blank tile. */
export function ImagePreview({ src }: { src: string }) {
  const [failed, setFailed] = useState<string | null>(null);
  const show = SITE_PATH.test(src) && failed !== src;
  return (
    <span
      aria-hidden
      className="grid size-10 shrink-0 place-items-center overflow-hidden rounded-lg bg-stone-100 ring-1 ring-stone-200"
    >
      {show ? (
        <img
          src={src}
          alt=""
          width={40}
          height={40}
          className="size-full object-cover"
          onError={() => setFailed(src)}
        />
      ) : (
        <svg
          viewBox="0 0 20 20"
          className="size-5 text-stone-400"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        >
          <rect x="3" y="4" width="14" height="12" rx="2" />
          <path d="m3 13 4-4 3 3 2-2 5 5" strokeLinejoin="round" />
        </svg>
      )}
    </span>
  );
}
