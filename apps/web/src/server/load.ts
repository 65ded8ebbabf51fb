import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { isBuildPhase } from "@/env";
import { log } from "./logger";

/**
 * Awaits a BFF call for a page addressed by a URL: NOT_FOUND, and BAD_REQUEST (an address that
 * cannot name anything, like a mistyped slug), become the 404 page; anything else the error page.
 */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
}

/**
 * For pages prerendered by `next build`: when the services are not running during the build,
 * the page is built with `fallback` and fills itself in at its first revalidation, instead of
 * failing the build. At run time an unreachable service is an error (the page says so).
 */
export async function orBuildFallback<T>(call: Promise<T>, fallback: T): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (!isBuildPhase) throw e;
    log.warn("services unreachable during build; prerendering without catalog data");
    return fallback;
  }
}

/**
 * A page's prefetch of the thing its URL names: NOT_FOUND and BAD_REQUEST become the 404 page
 * (as orNotFound); any other failure is left to the browser, which asks again and shows it.
 */
export async function prefetchOrNotFound(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
  }
}
