import { initTRPC } from "@trpc/server";
import { shopErrorFormatter } from "@shop/service-kit/trpc-errors";
import type { Logger } from "@shop/service-kit/logger";
import type { ProductDeps } from "../../../application/ports";

export interface Context {
  deps: ProductDeps;
  log: Logger;
}

const t = initTRPC.context<Context>().create({ errorFormatter: shopErrorFormatter });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/**
 * Every procedure of this service is called by the BFF only, never by a browser. The internal
 * credential (who is acting, with which role) is checked here when accounts arrive (issue #4).
 */
export const serviceProcedure = t.procedure;
