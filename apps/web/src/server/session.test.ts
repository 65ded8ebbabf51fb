import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER } from "@/http/trust-proxy";
import { clientIpFrom, deviceCookie, deviceTokenFrom, sessionTokenFrom } from "./session";

describe("the client's address", () => {
  it("is only what the process front stamped, never X-Forwarded-For", () => {
    expect(clientIpFrom(new Headers({ [CLIENT_IP_HEADER]: "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIpFrom(new Headers({ [CLIENT_IP_HEADER]: "2001:db8::1" }))).toBe("2001:db8::1");
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBeUndefined();
  });

  it("is unknown when the header is missing or not an address", () => {
    expect(clientIpFrom(new Headers())).toBeUndefined();
    expect(clientIpFrom(new Headers({ [CLIENT_IP_HEADER]: "not-an-ip" }))).toBeUndefined();
  });
});

// 32 random bytes in base64url, as user-service makes them.
const TOKEN = "q3Jv8xT0-_aZ9bYcWdVeUfTgShRiQjPkOlNmMnLoKpJ";

/** Cookie values that are not one of our tokens: each must read as no cookie at all. */
const NOT_TOKENS: [string, string][] = [
  ["too short", "short"],
  ["42 characters", "x".repeat(42)],
  ["44 characters", "x".repeat(44)],
  ["long and opaque", "x".repeat(200)],
  // The cookie parser decodes %-escapes: %00 becomes a NUL, which a service refuses (400).
  ["a NUL, sent as %00", `${"x".repeat(42)}%00`],
  ["a NUL in the middle", `${"x".repeat(21)}%00${"x".repeat(21)}`],
  ["a %-escaped line break", `${"x".repeat(42)}%0A`],
  ["base64 padding", `${"x".repeat(42)}=`],
  ["standard base64", `${"x".repeat(41)}+/`],
  ["empty", ""],
];

describe.each([
  ["session", "shop_session", sessionTokenFrom],
  ["device", "shop_device", deviceTokenFrom],
])("the %s cookie", (_, name, read) => {
  it("is read from the Cookie header", () => {
    expect(read(`a=1; ${name}=${TOKEN}`)).toBe(TOKEN);
    expect(read(`${name}=${"x".repeat(43)}`)).toBe("x".repeat(43));
    expect(read(undefined)).toBeUndefined();
    expect(read(null)).toBeUndefined();
    expect(read("a=1")).toBeUndefined();
  });

  it.each(NOT_TOKENS)("is ignored when %s", (_, value) => {
    expect(read(`a=1; ${name}=${value}`)).toBeUndefined();
  });
});

describe("the device cookie", () => {
  it("is httpOnly, SameSite=Lax, for the whole site, until the device token's end", () => {
    const expires = new Date("2027-01-01T00:00:00.000Z");
    expect(deviceCookie(TOKEN, expires, true)).toBe(
      `shop_device=${TOKEN}; Path=/; Expires=Fri, 01 Jan 2027 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax`,
    );
    expect(deviceCookie(TOKEN, expires, false)).not.toContain("Secure");
  });
});
