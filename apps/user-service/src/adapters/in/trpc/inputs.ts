import { z } from "zod";
import { sessionToken } from "@shop/contracts";

/**
 * A session token, sent in the request body: procedures that take one are mutations (POST), so
 * a token never appears in a URL, where proxies and access logs would keep it.
 */
export const tokenInput = z.object({ token: sessionToken });
