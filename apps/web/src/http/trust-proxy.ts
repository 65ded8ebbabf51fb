import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

/*
 * Who is on the other end of a request. The BFF never reads X-Forwarded-For itself: the process
 * front (src/main.ts) works the client's address and protocol out of the connection, trusting
 * a proxy's headers only as far as TRUST_PROXY says, and hands them on in two headers of its
 * own, overwriting whatever a client sent under those names.
 */

/** The client's address as the front determined it (the only place the BFF reads it from). */
export const CLIENT_IP_HEADER = "x-shop-client-ip";
/** "https" or "http": how the client reached us, as the front determined it. */
export const CLIENT_PROTO_HEADER = "x-shop-client-proto";

export type Trust = (addr: string, hop: number) => boolean;

/**
 * TRUST_PROXY, the way Express spells it: empty or "false" trusts no proxy (the address is the
 * connection's own); a number N trusts the N nearest hops; otherwise a comma-separated list of
 * proxy addresses and subnets ("loopback", "10.0.0.0/8", "192.0.2.7"). Throws on a bad list.
 */
export function parseTrustProxy(setting: string | undefined): Trust {
  const value = setting?.trim() ?? "";
  if (value === "" || value === "false") return () => false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_addr, hop) => hop < hops;
  }
  return proxyaddr.compile(value.split(",").map((s) => s.trim()));
}

export interface ConnectionFacts {
  clientIp: string | undefined;
  proto: "http" | "https";
}

/** The client's address and protocol, trusting forwarded headers only from trusted proxies. */
export function connectionFacts(req: IncomingMessage, trust: Trust): ConnectionFacts {
  const peer = req.socket.remoteAddress;
  const clientIp = peer ? proxyaddr(req, trust) : undefined;
  const encrypted = "encrypted" in req.socket && req.socket.encrypted === true;
  let proto: ConnectionFacts["proto"] = encrypted ? "https" : "http";
  if (peer && trust(peer, 0)) {
    // The last value is the one our nearest proxy wrote; earlier ones a client could have sent
    // to a proxy that appends rather than overwrites.
    const forwarded = String(req.headers["x-forwarded-proto"] ?? "")
      .split(",")
      .at(-1)
      ?.trim()
      .toLowerCase();
    if (forwarded === "https" || forwarded === "http") proto = forwarded;
  }
  return { clientIp: clientIp?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, ""), proto };
}

/** Replaces any client-sent value of the front's own headers with what the front determined. */
export function stampConnectionFacts(req: IncomingMessage, trust: Trust) {
  const facts = connectionFacts(req, trust);
  delete req.headers[CLIENT_IP_HEADER];
  if (facts.clientIp) req.headers[CLIENT_IP_HEADER] = facts.clientIp;
  req.headers[CLIENT_PROTO_HEADER] = facts.proto;
}
