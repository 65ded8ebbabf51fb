"use client";
import { useState } from "react";
import { IMAGE_PATH_PATTERN } from "@shop/contracts";

/** A small preview of an image path as typed; a broken or unlikely path shows a blank tile. */
export function ImagePreview({ src }: { src: string }) {
  const [failed, setFailed] = useState<string | null>(null);
  // The contract's own rule: a path the save would refuse (another site) is never loaded.
  const show = IMAGE_PATH_PATTERN.test(src) && failed !== src;
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
