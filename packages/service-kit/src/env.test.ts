import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  assertNoDevKeysInProduction,
  DEV_INTERNAL_AUTH_PUBLIC_KEY,
  parseEnv,
  serviceEnv,
  serviceEnvFor,
} from "./env";
import { internalCredentialVerifier } from "./internal-auth";
import {
  DEV_INTERNAL_AUTH_PRIVATE_KEY,
  internalAuthPrivateKeyEnv,
  internalCredentialSigner,
} from "./internal-auth-signer";

const fresh = generateKeyPairSync("ed25519");
const pem = (key: KeyObject) =>
  key.export(
    key.type === "public" ? { type: "spki", format: "pem" } : { type: "pkcs8", format: "pem" },
  ) as string;
const base64 = (text: string) => Buffer.from(text).toString("base64");
const service = (env: Record<string, string | undefined>) =>
  parseEnv(serviceEnv, { PORT: "4001", ...env });
/** The BFF's part of its own env schema (apps/web/src/env.ts). */
const bff = (env: Record<string, string | undefined>) =>
  parseEnv(
    z.object({
      NODE_ENV: z.enum(["development", "production", "test"]),
      INTERNAL_AUTH_PRIVATE_KEY: internalAuthPrivateKeyEnv,
    }),
    env,
  );

describe("a production process refuses the public development keys", () => {
  it("a service refuses the dev public key, by default or set explicitly in any form", () => {
    for (const value of [
      undefined,
      DEV_INTERNAL_AUTH_PUBLIC_KEY,
      base64(DEV_INTERNAL_AUTH_PUBLIC_KEY),
    ]) {
      expect(() => service({ NODE_ENV: "production", INTERNAL_AUTH_PUBLIC_KEY: value })).toThrow(
        /INTERNAL_AUTH_PUBLIC_KEY: set a key pair of your own in production/,
      );
      // NODE_ENV unset means production.
      expect(() => service({ INTERNAL_AUTH_PUBLIC_KEY: value })).toThrow(
        /INTERNAL_AUTH_PUBLIC_KEY/,
      );
    }
  });

  it("the BFF refuses the dev private key", () => {
    for (const value of [undefined, DEV_INTERNAL_AUTH_PRIVATE_KEY]) {
      expect(() => bff({ NODE_ENV: "production", INTERNAL_AUTH_PRIVATE_KEY: value })).toThrow(
        /INTERNAL_AUTH_PRIVATE_KEY: set a key pair of your own in production/,
      );
    }
    expect(() =>
      assertNoDevKeysInProduction({
        NODE_ENV: "production",
        INTERNAL_AUTH_PRIVATE_KEY: createPrivateKey(DEV_INTERNAL_AUTH_PRIVATE_KEY),
      }),
    ).toThrow(/INTERNAL_AUTH_PRIVATE_KEY/);
  });

  it("accepts a key pair of one's own in production, and the dev pair outside it", () => {
    const env = service({ NODE_ENV: "production", INTERNAL_AUTH_PUBLIC_KEY: pem(fresh.publicKey) });
    expect(env.INTERNAL_AUTH_PUBLIC_KEY.equals(fresh.publicKey)).toBe(true);
    expect(
      bff({ NODE_ENV: "production", INTERNAL_AUTH_PRIVATE_KEY: pem(fresh.privateKey) })
        .INTERNAL_AUTH_PRIVATE_KEY.type,
    ).toBe("private");
    expect(service({ NODE_ENV: "development" }).INTERNAL_AUTH_PUBLIC_KEY.type).toBe("public");
    expect(bff({ NODE_ENV: "test" }).INTERNAL_AUTH_PRIVATE_KEY.type).toBe("private");
  });

  it("the committed dev keys are one pair (local development works with no setting)", async () => {
    const { INTERNAL_AUTH_PRIVATE_KEY } = bff({ NODE_ENV: "development" });
    const { INTERNAL_AUTH_PUBLIC_KEY } = service({ NODE_ENV: "development" });
    const token = await internalCredentialSigner(INTERNAL_AUTH_PRIVATE_KEY).sign(
      { role: "visitor" },
      "user-service",
    );
    expect(
      await internalCredentialVerifier(INTERNAL_AUTH_PUBLIC_KEY, "user-service").verify(token),
    ).toEqual({
      role: "visitor",
    });
  });
});

describe("the next public key (a rotation of the BFF's signing key)", () => {
  const next = generateKeyPairSync("ed25519");
  const own = { NODE_ENV: "production", INTERNAL_AUTH_PUBLIC_KEY: pem(fresh.publicKey) };

  it("is optional, and empty counts as unset (an orchestrator's optional secret)", () => {
    expect(service(own).INTERNAL_AUTH_PUBLIC_KEY_NEXT).toBeUndefined();
    expect(
      service({ ...own, INTERNAL_AUTH_PUBLIC_KEY_NEXT: "" }).INTERNAL_AUTH_PUBLIC_KEY_NEXT,
    ).toBeUndefined();
  });

  it("is read like the current key, and the dev key is refused there too in production", () => {
    const parsed = service({ ...own, INTERNAL_AUTH_PUBLIC_KEY_NEXT: base64(pem(next.publicKey)) });
    expect(parsed.INTERNAL_AUTH_PUBLIC_KEY_NEXT?.equals(next.publicKey)).toBe(true);
    expect(() =>
      service({ ...own, INTERNAL_AUTH_PUBLIC_KEY_NEXT: DEV_INTERNAL_AUTH_PUBLIC_KEY }),
    ).toThrow(/INTERNAL_AUTH_PUBLIC_KEY_NEXT: set a key pair of your own/);
    expect(() => service({ ...own, INTERNAL_AUTH_PUBLIC_KEY_NEXT: "not a key" })).toThrow(
      /INTERNAL_AUTH_PUBLIC_KEY_NEXT/,
    );
  });
});

describe("a key in an environment variable", () => {
  const publicPem = pem(fresh.publicKey);

  it("is read as PEM, as PEM with \\n escapes, or as base64-encoded PEM", () => {
    for (const value of [publicPem, publicPem.trim().replace(/\n/g, "\\n"), base64(publicPem)]) {
      const env = service({ NODE_ENV: "production", INTERNAL_AUTH_PUBLIC_KEY: value });
      expect(env.INTERNAL_AUTH_PUBLIC_KEY.equals(fresh.publicKey)).toBe(true);
    }
    const privatePem = pem(fresh.privateKey);
    const env = bff({ NODE_ENV: "production", INTERNAL_AUTH_PRIVATE_KEY: base64(privatePem) });
    expect(env.INTERNAL_AUTH_PRIVATE_KEY.equals(fresh.privateKey)).toBe(true);
  });

  it("that is not an Ed25519 key stops the process naming the variable, not echoing it", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const x25519 = generateKeyPairSync("x25519");
    for (const value of [
      "",
      "not a key",
      "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
      pem(rsa.publicKey),
      pem(x25519.publicKey),
    ]) {
      const error = (() => {
        try {
          service({ NODE_ENV: "development", INTERNAL_AUTH_PUBLIC_KEY: value });
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error?.message).toMatch(
        /INTERNAL_AUTH_PUBLIC_KEY: Not a valid key\. Expected an Ed25519 public key: PEM \(SPKI/,
      );
      if (value.length > 8) expect(error?.message).not.toContain(value);
    }
    expect(() => bff({ NODE_ENV: "development", INTERNAL_AUTH_PRIVATE_KEY: publicPem })).toThrow(
      /INTERNAL_AUTH_PRIVATE_KEY: Not a valid key\. Expected an Ed25519 private key/,
    );
  });

  it("a service given the private key is refused: it gets only the public one", () => {
    const privatePem = pem(fresh.privateKey);
    for (const value of [privatePem, base64(privatePem)]) {
      let message = "";
      try {
        service({ NODE_ENV: "development", INTERNAL_AUTH_PUBLIC_KEY: value });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/INTERNAL_AUTH_PUBLIC_KEY: This is a private key/);
      expect(message).not.toContain(privatePem.split("\n")[1]);
    }
  });
});

describe("a service's configuration", () => {
  it("defaults to the service's port and database from services.json", () => {
    const env = parseEnv(serviceEnvFor("product-service"), { NODE_ENV: "development" });
    expect(env).toMatchObject({
      PORT: 4001,
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/shop_product",
      DATABASE_POOL_SIZE: 10,
      HOST: "127.0.0.1",
    });
    expect(parseEnv(serviceEnvFor("coupon-service"), { NODE_ENV: "development" }).PORT).toBe(4004);
  });

  it("takes what the environment says over the defaults", () => {
    const env = parseEnv(serviceEnvFor("user-service"), {
      NODE_ENV: "development",
      PORT: "4102",
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/shop_user_e2e",
    });
    expect(env).toMatchObject({ PORT: 4102, DATABASE_URL: expect.stringMatching(/_e2e$/) });
    expect(() =>
      parseEnv(serviceEnvFor("user-service"), { NODE_ENV: "development", PORT: "x" }),
    ).toThrow(/PORT/);
  });
});
