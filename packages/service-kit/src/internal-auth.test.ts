import { generateKeyPairSync } from "node:crypto";
import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@shop/contracts";
import {
  INTERNAL_TOKEN_ISSUER,
  INTERNAL_TOKEN_TYPE,
  internalCredentialVerifier,
  type ServiceAudience,
} from "./internal-auth";
import { internalCredentialSigner } from "./internal-auth-signer";
import { testCredentials } from "./test/fixtures";

const bff = testCredentials();
const product = bff.verifier("product-service");
const user = bff.verifier("user-service");
const ADMIN: Actor = {
  role: "admin",
  userId: "00000000-0000-4000-8000-000000000001",
  clientIp: "203.0.113.7",
};
/** The HS256 secret every process shared before the keys were split (public: it was committed). */
const OLD_SHARED_SECRET = "local-development-only-internal-auth-secret";

/** A token with the right claims for product-service, signed however the caller likes. */
const claimsFor = (audience: ServiceAudience = "product-service") =>
  new SignJWT({ role: ADMIN.role })
    .setSubject(ADMIN.userId!)
    .setIssuer(INTERNAL_TOKEN_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime("60s");

describe("the internal credential", () => {
  it("is accepted by the service it was signed for, with the actor it states", async () => {
    const token = await bff.sign(ADMIN, "product-service");
    expect(await product.verify(token)).toEqual(ADMIN);
    expect(await product.fromHeaders({ authorization: `Bearer ${token}` })).toEqual(ADMIN);
  });

  it("is refused by any other service: each verifies its own audience", async () => {
    const forProduct = await bff.sign(ADMIN, "product-service");
    const forUser = await bff.sign(ADMIN, "user-service");
    expect(await user.verify(forProduct)).toBeNull();
    expect(await product.verify(forUser)).toBeNull();
    expect(await user.verify(forUser)).toEqual(ADMIN);
    for (const other of ["payment-service", "coupon-service", "order-service"] as const)
      expect(await bff.verifier(other).verify(forProduct)).toBeNull();
  });

  it("is refused when signed with another Ed25519 key", async () => {
    const forger = testCredentials();
    expect(await product.verify(await forger.sign(ADMIN, "product-service"))).toBeNull();
  });

  it("is refused when made with the old shared HS256 secret", async () => {
    const token = await claimsFor()
      .setProtectedHeader({ alg: "HS256", typ: INTERNAL_TOKEN_TYPE })
      .sign(new TextEncoder().encode(OLD_SHARED_SECRET));
    expect(await product.verify(token)).toBeNull();
  });

  it("is refused as HS256 keyed with the public key's own bytes (algorithm confusion)", async () => {
    for (const material of [
      bff.publicKey.export({ type: "spki", format: "pem" }),
      bff.publicKey.export({ type: "spki", format: "der" }),
    ]) {
      const token = await claimsFor()
        .setProtectedHeader({ alg: "HS256", typ: INTERNAL_TOKEN_TYPE })
        .sign(new Uint8Array(Buffer.from(material)));
      expect(await product.verify(token)).toBeNull();
    }
  });

  it("is refused unsigned (alg: none)", async () => {
    const unsecured = new UnsecuredJWT({ role: "admin" })
      .setSubject(ADMIN.userId!)
      .setIssuer(INTERNAL_TOKEN_ISSUER)
      .setAudience("product-service")
      .setIssuedAt()
      .setExpirationTime("60s")
      .encode();
    expect(unsecured.split(".")[2]).toBe("");
    expect(await product.verify(unsecured)).toBeNull();
    // The same claims and a real signature's bytes, relabelled as unsigned.
    const [, payload, signature] = (await bff.sign(ADMIN, "product-service")).split(".");
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: INTERNAL_TOKEN_TYPE })).toString(
      "base64url",
    );
    expect(await product.verify(`${header}.${payload}.${signature}`)).toBeNull();
    expect(await product.verify(`${header}.${payload}.`)).toBeNull();
  });

  it("is refused once expired (beyond the 5 s clock tolerance), accepted within it", async () => {
    // The clock stands still: on a loaded machine seconds can pass between signing and checking.
    vi.useFakeTimers({ now: Date.now(), toFake: ["Date"] });
    try {
      expect(await product.verify(await bff.sign(ADMIN, "product-service", -10))).toBeNull();
      expect(await product.verify(await bff.sign(ADMIN, "product-service", -2))).toEqual(ADMIN);
    } finally {
      vi.useRealTimers();
    }
  });

  it("is refused when issued more than 60 s ago, whatever its expiry says", async () => {
    const token = await claimsFor()
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime("1h")
      .setProtectedHeader({ alg: "EdDSA", typ: INTERNAL_TOKEN_TYPE })
      .sign(bff.privateKey);
    expect(await product.verify(token)).toBeNull();
  });

  it("is refused from another issuer, or without the internal credential's type", async () => {
    const otherIssuer = await claimsFor()
      .setIssuer("someone-else")
      .setProtectedHeader({ alg: "EdDSA", typ: INTERNAL_TOKEN_TYPE })
      .sign(bff.privateKey);
    const untyped = await claimsFor().setProtectedHeader({ alg: "EdDSA" }).sign(bff.privateKey);
    expect(await product.verify(otherIssuer)).toBeNull();
    expect(await product.verify(untyped)).toBeNull();
  });

  it("is read only from a Bearer Authorization header", async () => {
    const token = await bff.sign(ADMIN, "product-service");
    expect(await product.fromHeaders({})).toBeNull();
    expect(await product.fromHeaders({ authorization: `Basic ${token}` })).toBeNull();
    expect(await product.fromHeaders({ authorization: "Bearer not-a-jwt" })).toBeNull();
  });
});

describe("who holds which key", () => {
  it("a service's verifier takes only a public key, so it never holds a signing key", () => {
    expect(() => internalCredentialVerifier(bff.privateKey, "product-service")).toThrow(
      /Ed25519 public key/,
    );
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    expect(() => internalCredentialVerifier(rsa.publicKey, "product-service")).toThrow(
      /Ed25519 public key/,
    );
  });

  it("the signer takes only an Ed25519 private key and signs only for a known service", async () => {
    expect(() => internalCredentialSigner(bff.publicKey)).toThrow(/Ed25519 private key/);
    await expect(bff.sign(ADMIN, "the-whole-shop" as unknown as ServiceAudience)).rejects.toThrow(
      /Unknown service/,
    );
  });
});

describe("reusing credentials", () => {
  it("the signer reuses a credential for the same actor and service, not for another", async () => {
    const signer = internalCredentialSigner(bff.privateKey);
    const first = await signer.sign(ADMIN, "product-service");
    expect(await signer.sign({ ...ADMIN }, "product-service")).toBe(first);
    expect(await signer.sign(ADMIN, "user-service")).not.toBe(first);
    expect(await signer.sign({ ...ADMIN, clientIp: "203.0.113.8" }, "product-service")).not.toBe(
      first,
    );
    expect(await signer.sign({ role: "visitor" }, "product-service")).not.toBe(first);
  });

  it("the signer signs anew once half the lifetime has passed", async () => {
    vi.useFakeTimers({ now: Date.now(), toFake: ["Date"] });
    try {
      const signer = internalCredentialSigner(bff.privateKey);
      const first = await signer.sign(ADMIN, "product-service");
      vi.advanceTimersByTime(29_000);
      expect(await signer.sign(ADMIN, "product-service")).toBe(first);
      vi.advanceTimersByTime(2_000);
      const second = await signer.sign(ADMIN, "product-service");
      expect(second).not.toBe(first);
      expect(await product.verify(second)).toEqual(ADMIN);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a verified credential is remembered only until it expires, and only byte for byte", async () => {
    vi.useFakeTimers({ now: Date.now(), toFake: ["Date"] });
    try {
      const verifier = bff.verifier("product-service");
      const token = await bff.sign(ADMIN, "product-service", 10);
      expect(await verifier.verify(token)).toEqual(ADMIN);
      const [header, payload, signature] = token.split(".");
      const tampered = `${header}.${payload}.${signature!.slice(0, -2)}AA`;
      expect(await verifier.verify(tampered)).toBeNull();
      vi.advanceTimersByTime(9_000);
      expect(await verifier.verify(token)).toEqual(ADMIN);
      // Past its expiry the cache no longer answers, and the check itself (5 s tolerance aside)
      // refuses it once the tolerance is over too.
      vi.advanceTimersByTime(7_000);
      expect(await verifier.verify(token)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("rotating the BFF's signing key", () => {
  const current = testCredentials();
  const next = testCredentials();
  const during = internalCredentialVerifier([current.publicKey, next.publicKey], "product-service");

  it("while a service holds both public keys, a BFF signing with either is believed", async () => {
    expect(await during.verify(await current.sign(ADMIN, "product-service"))).toEqual(ADMIN);
    expect(await during.verify(await next.sign(ADMIN, "product-service"))).toEqual(ADMIN);
  });

  it("a key in neither place is still refused, and so is the old key once it is dropped", async () => {
    const forger = testCredentials();
    expect(await during.verify(await forger.sign(ADMIN, "product-service"))).toBeNull();
    const after = next.verifier("product-service");
    expect(await after.verify(await current.sign(ADMIN, "product-service"))).toBeNull();
  });

  it("every key must be an Ed25519 public key, and there must be one", () => {
    expect(() =>
      internalCredentialVerifier([current.publicKey, next.privateKey], "product-service"),
    ).toThrow(/Ed25519 public key/);
    expect(() => internalCredentialVerifier([], "product-service")).toThrow(/needs a public key/);
  });
});
