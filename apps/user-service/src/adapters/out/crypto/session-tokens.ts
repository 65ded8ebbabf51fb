import { createHash, randomBytes } from "node:crypto";
import type { TokenGenerator } from "../../../application/ports";

/**
 * Session tokens: 32 bytes from the OS's CSPRNG, base64url (43 characters). Only their SHA-256
 * is stored: a token has 256 bits of entropy, so a fast unsalted digest is enough to make a
 * leaked table useless (a slow password hash is for low-entropy secrets).
 */
export const sessionTokens: TokenGenerator = {
  generate: () => randomBytes(32).toString("base64url"),
  hash: (token) => createHash("sha256").update(token, "utf8").digest("hex"),
};
