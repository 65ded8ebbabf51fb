import { describe, expect, it, vi } from "vitest";
import type { SessionGrant } from "@shop/contracts";
import { appRouter } from "../router";
import { createCallerFactory, createContext, type Context } from "../trpc";
import { deviceTokenFrom, sessionTokenFrom } from "../session";
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
  deviceToken: "D".repeat(43),
  deviceExpiresAt: new Date(365 * 86_400_000).toISOString(),
};

/** The BFF's auth routes over a stand-in user-service that records what it was sent. */
function authWith(sessionToken: string | undefined, deviceToken?: string) {
  const signIn = vi.fn(async (_input: unknown) => grant);
  const signUp = vi.fn(async (_input: unknown) => grant);
  const cookies: string[] = [];
  const services = {
    user: { auth: { signIn: { mutate: signIn }, signUp: { mutate: signUp } } },
  } as unknown as Services;
  const ctx: Context = {
    ...createContext({ sessionToken, deviceToken, setCookie: (c) => cookies.push(c) }),
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
    expect(cookies.filter((c) => c.startsWith("shop_session="))).toEqual([
      expect.stringMatching(new RegExp(`^shop_session=${grant.token};`)),
      expect.stringMatching(new RegExp(`^shop_session=${grant.token};`)),
    ]);
  });

  it("treat a session cookie that is not token-shaped (a NUL from %00) as no session", async () => {
    const planted = sessionTokenFrom(`shop_session=${"o".repeat(42)}%00`);
    const { caller, signIn } = authWith(planted);
    await caller.auth.signIn(credentials);
    expect(signIn.mock.calls[0]?.[0]).not.toHaveProperty("previousToken", expect.anything());
  });

  it("pass no previous token when the browser has no session", async () => {
    const { caller, signIn } = authWith(undefined);
    await caller.auth.signIn(credentials);
    expect(signIn.mock.calls[0]?.[0]).toEqual(credentials);
    expect(signIn.mock.calls[0]?.[0]).not.toHaveProperty("previousToken", expect.anything());
  });
});

describe("auth routes: the device cookie", () => {
  const credentials = { email: "ann@meridian.test", password: "anns-secret-password" };

  it("is set on sign-in and sign-up, for a year, httpOnly and SameSite=Lax; the token stays out of the body", async () => {
    const { caller, cookies } = authWith(undefined);
    const user = await caller.auth.signIn(credentials);
    expect(JSON.stringify(user)).not.toContain(grant.deviceToken);
    await caller.auth.signUp({ ...credentials, displayName: "Ann" });
    const devices = cookies.filter((c) => c.startsWith("shop_device="));
    expect(devices).toHaveLength(2);
    for (const cookie of devices)
      expect(cookie).toBe(
        `shop_device=${grant.deviceToken}; Path=/; Expires=${new Date(grant.deviceExpiresAt).toUTCString()}; HttpOnly; SameSite=Lax`,
      );
  });

  it("is sent to user-service with every sign-in attempt", async () => {
    const device = "d".repeat(43);
    const { caller, signIn } = authWith(undefined, device);
    await caller.auth.signIn(credentials);
    expect(signIn).toHaveBeenCalledWith({ ...credentials, deviceToken: device });
  });

  it("is not sent when not token-shaped, so a planted one cannot fail the sign-in", async () => {
    const planted = deviceTokenFrom(`shop_device=${"d".repeat(42)}%00`);
    expect(planted).toBeUndefined();
    const { caller, signIn } = authWith(undefined, planted);
    await caller.auth.signIn(credentials);
    expect(signIn.mock.calls[0]?.[0]).not.toHaveProperty("deviceToken", expect.anything());
  });

  it("is kept on sign-out (it signs nobody in by itself)", async () => {
    const { caller, cookies } = authWith(undefined, "d".repeat(43));
    await caller.auth.signOut();
    expect(cookies.some((c) => c.startsWith("shop_device="))).toBe(false);
  });
});
