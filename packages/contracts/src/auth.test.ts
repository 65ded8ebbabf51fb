import { describe, expect, it } from "vitest";
import { deviceToken, isTokenShaped, sessionToken, TOKEN_PATTERN } from "./auth";

// 32 random bytes in base64url, as user-service makes them.
const TOKEN = "q3Jv8xT0-_aZ9bYcWdVeUfTgShRiQjPkOlNmMnLoKpJ";

describe("session and device tokens", () => {
  it("are 43 base64url characters", () => {
    expect(TOKEN).toHaveLength(43);
    for (const ok of [TOKEN, "u".repeat(43), "-".repeat(43), "_".repeat(43)]) {
      expect(sessionToken.safeParse(ok).success, ok).toBe(true);
      expect(deviceToken.safeParse(ok).success, ok).toBe(true);
      expect(isTokenShaped(ok)).toBe(true);
    }
  });

  it.each([
    ["42 characters", "u".repeat(42)],
    ["44 characters", "u".repeat(44)],
    ["a long opaque value", "u".repeat(200)],
    ["a NUL (a cookie's %00 decoded)", `${"u".repeat(42)}\u0000`],
    ["%00 undecoded", `${"u".repeat(40)}%00`],
    ["base64 padding", `${"u".repeat(42)}=`],
    ["standard base64 characters", `${"u".repeat(41)}+/`],
    ["a space", `${"u".repeat(21)} ${"u".repeat(21)}`],
    ["a line break at the end", `${TOKEN}\n`],
    ["empty", ""],
  ])("refuse %s", (_, bad) => {
    expect(sessionToken.safeParse(bad).success).toBe(false);
    expect(deviceToken.safeParse(bad).success).toBe(false);
    expect(isTokenShaped(bad)).toBe(false);
    expect(TOKEN_PATTERN.test(bad)).toBe(false);
  });

  it("a missing cookie is not token-shaped", () => {
    expect(isTokenShaped(undefined)).toBe(false);
  });
});
