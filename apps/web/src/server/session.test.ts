import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER } from "@/http/trust-proxy";
import { clientIpFrom, sessionTokenFrom } from "./session";

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

describe("the session cookie", () => {
  it("is read from the Cookie header, and only when it looks like a token", () => {
    expect(sessionTokenFrom(`a=1; shop_session=${"x".repeat(43)}`)).toBe("x".repeat(43));
    expect(sessionTokenFrom("shop_session=short")).toBeUndefined();
    expect(sessionTokenFrom(undefined)).toBeUndefined();
  });
});
