import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import {
  CLIENT_IP_HEADER,
  CLIENT_PROTO_HEADER,
  connectionFacts,
  parseTrustProxy,
  stampConnectionFacts,
} from "./trust-proxy";

const request = (peer: string, headers: Record<string, string> = {}) =>
  ({ socket: { remoteAddress: peer }, headers: { ...headers } }) as unknown as IncomingMessage;

describe("the client's address", () => {
  const noProxy = parseTrustProxy(undefined);

  it("with no proxy trusted, is the connection's address whatever the headers say", () => {
    const req = request("198.51.100.7", {
      "x-forwarded-for": "127.0.0.1, 203.0.113.9",
      "x-forwarded-proto": "https",
    });
    expect(connectionFacts(req, noProxy)).toEqual({ clientIp: "198.51.100.7", proto: "http" });
    expect(connectionFacts(req, parseTrustProxy("false")).clientIp).toBe("198.51.100.7");
  });

  it("behind one trusted hop, is the address that proxy appended", () => {
    const req = request("10.0.0.2", {
      "x-forwarded-for": "6.6.6.6, 203.0.113.9",
      "x-forwarded-proto": "https",
    });
    expect(connectionFacts(req, parseTrustProxy("1"))).toEqual({
      clientIp: "203.0.113.9",
      proto: "https",
    });
    expect(connectionFacts(req, parseTrustProxy("2")).clientIp).toBe("6.6.6.6");
  });

  it("behind listed proxies, skips exactly the listed ones", () => {
    const trust = parseTrustProxy("loopback, 10.0.0.0/8");
    const viaTwo = request("127.0.0.1", { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.1.2.3" });
    expect(connectionFacts(viaTwo, trust).clientIp).toBe("203.0.113.9");
    // A connection from an address that is not a listed proxy is the client itself.
    const direct = request("198.51.100.7", {
      "x-forwarded-for": "10.1.2.3",
      "x-forwarded-proto": "https",
    });
    expect(connectionFacts(direct, trust)).toEqual({ clientIp: "198.51.100.7", proto: "http" });
  });

  it("takes the protocol our proxy wrote, not one a client sent before it", () => {
    const req = request("10.0.0.2", { "x-forwarded-proto": "https, http" });
    expect(connectionFacts(req, parseTrustProxy("1")).proto).toBe("http");
  });

  it("reads an IPv4-mapped IPv6 peer as plain IPv4", () => {
    expect(connectionFacts(request("::ffff:192.0.2.5"), noProxy).clientIp).toBe("192.0.2.5");
    expect(connectionFacts(request("2001:db8::1"), noProxy).clientIp).toBe("2001:db8::1");
  });

  it("refuses a malformed proxy list", () => {
    expect(() => parseTrustProxy("not-an-address")).toThrow();
  });

  it("overwrites the front's own headers when a client sends them", () => {
    const req = request("198.51.100.7", {
      [CLIENT_IP_HEADER]: "127.0.0.1",
      [CLIENT_PROTO_HEADER]: "https",
    });
    stampConnectionFacts(req, noProxy);
    expect(req.headers[CLIENT_IP_HEADER]).toBe("198.51.100.7");
    expect(req.headers[CLIENT_PROTO_HEADER]).toBe("http");
  });
});
