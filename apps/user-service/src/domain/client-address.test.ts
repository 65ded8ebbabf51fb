import { describe, expect, it } from "vitest";
import { clientKeyOf } from "./client-address";

describe("clientKeyOf", () => {
  it("keeps an IPv4 address whole", () => {
    expect(clientKeyOf("203.0.113.7")).toBe("203.0.113.7");
    expect(clientKeyOf("203.0.113.8")).toBe("203.0.113.8");
  });

  it("counts an IPv6 address by its /64: one prefix however its last 64 bits vary", () => {
    expect(clientKeyOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKeyOf("2001:db8::ffff")).toBe(clientKeyOf("2001:db8::1"));
    expect(clientKeyOf("2001:db8::ab:cd:ef:12")).toBe(clientKeyOf("2001:db8::1"));
    expect(clientKeyOf("2001:db8:0:1::1")).toBe("2001:db8:0:1::/64");
    expect(clientKeyOf("2001:db8:0:1::1")).not.toBe(clientKeyOf("2001:db8::1"));
  });

  it("reads every spelling of one prefix the same (zeros, case, '::' anywhere, a zone)", () => {
    const key = "2001:db8:a:b::/64";
    for (const spelling of [
      "2001:db8:a:b::",
      "2001:0DB8:000a:000B:0:0:0:1",
      "2001:db8:a:b:ffff:ffff:ffff:ffff",
      "2001:db8:a:b::1.2.3.4",
      "2001:db8:a:b::1%eth0",
    ])
      expect(clientKeyOf(spelling), spelling).toBe(key);
    expect(clientKeyOf("::1")).toBe("0:0:0:0::/64");
    expect(clientKeyOf("::")).toBe("0:0:0:0::/64");
    expect(clientKeyOf("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientKeyOf("1::")).toBe("1:0:0:0::/64");
  });

  it("counts an IPv4-mapped IPv6 address as the IPv4 address it maps", () => {
    expect(clientKeyOf("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientKeyOf("::FFFF:cb00:7107")).toBe("203.0.113.7");
    expect(clientKeyOf("0:0:0:0:0:ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientKeyOf("::ffff:203.0.113.8")).not.toBe(clientKeyOf("::ffff:203.0.113.7"));
  });

  it("keeps what is not an address as it is (never two clients as one)", () => {
    for (const odd of [
      "not-an-ip",
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "12345::",
      "::ffff:1.2.3.256",
      "",
    ])
      expect(clientKeyOf(odd), odd).toBe(odd);
    expect(clientKeyOf("1:2:3:4:5:6:7")).toBe("1:2:3:4:5:6:7");
    expect(clientKeyOf("1:2:3:4:5:6:7:8::")).toBe("1:2:3:4:5:6:7:8::");
  });
});
