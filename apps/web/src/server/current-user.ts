import "server-only";
import { cookies, headers } from "next/headers";
import { callerFor } from "./router";
import { clientIpFrom, sessionTokenFrom } from "./session";
import type { RequestFacts } from "./trpc";

/**
 * The request's session cookie and client address, for pages that depend on who is signed
 * in. Reading them makes a page per-request, so only account and admin pages do it.
 */
export async function requestFacts(): Promise<RequestFacts> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return {
    sessionToken: sessionTokenFrom(cookieStore.toString()),
    clientIp: clientIpFrom(headerList),
  };
}

export async function signedInCaller() {
  return callerFor(await requestFacts());
}
