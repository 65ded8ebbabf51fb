import { describe, expect, it } from "vitest";
import { clientIpFrom, sessionTokenFrom } from "./session";

const headers = (xff: string) => new Headers({ "x-forwarded-for": xff });

describe("the client's address", () => {
  it("is the entry our proxy appended (the right-most), not what the client claimed", () => {
    expect(clientIpFrom(headers("6.6.6.6, 203.0.113.9"))).toBe("203.0.113.9");
    expect(clientIpFrom(headers("203.0.113.9"))).toBe("203.0.113.9");
    expect(clientIpFrom(headers("2001:db8::1"))).toBe("2001:db8::1");
  });

  it("is unknown when the header is missing or not an address", () => {
    expect(clientIpFrom(new Headers())).toBeUndefined();
    expect(clientIpFrom(headers("not-an-ip"))).toBeUndefined();
  });
});

describe("the session cookie", () => {
  it("is read from the Cookie header, and only when it looks like a token", () => {
    expect(sessionTokenFrom(`a=1; shop_session=${"x".repeat(43)}`)).toBe("x".repeat(43));
    expect(sessionTokenFrom("shop_session=short")).toBeUndefined();
    expect(sessionTokenFrom(undefined)).toBeUndefined();
  });
});
