import { describe, expect, it, vi } from "vitest";
import type { SessionGrant } from "@shop/contracts";
import { appRouter } from "../router";
import { createCallerFactory, createContext, type Context } from "../trpc";
import type { Services } from "../services";

const grant: SessionGrant = {
  user: {
    id: "0b5a1c3e-8f7d-4e2a-9c6b-1d2e3f4a5b6c",
    email: "ann@meridian.test",
    displayName: "Ann",
    role: "shopper",
    createdAt: new Date(0).toISOString(),
  },
  token: "n".repeat(43),
  expiresAt: new Date(86_400_000).toISOString(),
};

/** The BFF's auth routes over a stand-in user-service that records what it was sent. */
function authWith(sessionToken: string | undefined) {
  const signIn = vi.fn(async (_input: unknown) => grant);
  const signUp = vi.fn(async (_input: unknown) => grant);
  const cookies: string[] = [];
  const services = {
    user: { auth: { signIn: { mutate: signIn }, signUp: { mutate: signUp } } },
  } as unknown as Services;
  const ctx: Context = {
    ...createContext({ sessionToken, setCookie: (c) => cookies.push(c) }),
    services,
    servicesFor: () => services,
  };
  return { caller: createCallerFactory(appRouter)(ctx), signIn, signUp, cookies };
}

describe("auth routes: session rotation", () => {
  const credentials = { email: "ann@meridian.test", password: "anns-secret-password" };

  it("pass the browser's current session token to user-service, which revokes it", async () => {
    const old = "o".repeat(43);
    const { caller, signIn, signUp, cookies } = authWith(old);
    await caller.auth.signIn(credentials);
    await caller.auth.signUp({ ...credentials, displayName: "Ann" });
    expect(signIn).toHaveBeenCalledWith({ ...credentials, previousToken: old });
    expect(signUp).toHaveBeenCalledWith({ ...credentials, displayName: "Ann", previousToken: old });
    expect(cookies.every((c) => c.startsWith(`shop_session=${grant.token}`))).toBe(true);
  });

  it("pass no previous token when the browser has no session", async () => {
    const { caller, signIn } = authWith(undefined);
    await caller.auth.signIn(credentials);
    expect(signIn.mock.calls[0]?.[0]).toEqual(credentials);
    expect(signIn.mock.calls[0]?.[0]).not.toHaveProperty("previousToken", expect.anything());
  });
});
