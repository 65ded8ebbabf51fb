import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sessionToken } from "@shop/contracts";
import { sessionTokens } from "./session-tokens";

describe("sessionTokens", () => {
  it("makes 32 random bytes, base64url, that the shop's contract accepts", () => {
    const token = sessionTokens.generate();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(sessionToken.safeParse(token).success).toBe(true);
  });

  it("never repeats a token", () => {
    const tokens = new Set(Array.from({ length: 1_000 }, () => sessionTokens.generate()));
    expect(tokens.size).toBe(1_000);
  });

  it("hashes a token with SHA-256 (hex), deterministically", () => {
    const token = sessionTokens.generate();
    const hash = sessionTokens.hash(token);
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionTokens.hash(token)).toBe(hash);
    expect(sessionTokens.hash(`${token}x`)).not.toBe(hash);
  });
});
