import { z } from "zod";
import { deviceToken, sessionToken, signInInput, signUpInput } from "@shop/contracts";

/**
 * A session token, sent in the request body: procedures that take one are mutations (POST), so
 * a token never appears in a URL, where proxies and access logs would keep it.
 */
export const tokenInput = z.object({ token: sessionToken });

/**
 * The shop's sign-in and sign-up forms, plus the session token the browser holds already (if
 * any), which the BFF passes on so that the new session replaces it (the old one is revoked).
 * A sign-in also carries the browser's device token, if it has one (domain/device.ts).
 */
export const signInWithPreviousInput = signInInput.extend({
  previousToken: sessionToken.optional(),
  deviceToken: deviceToken.optional(),
});
export const signUpWithPreviousInput = signUpInput.extend({
  previousToken: sessionToken.optional(),
});
