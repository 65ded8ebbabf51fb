import { initTRPC } from "@trpc/server";
import type { Actor } from "@shop/contracts";
import { requireActor, requireAdmin } from "@shop/service-kit/internal-auth";
import { shopErrorFormatter } from "@shop/service-kit/trpc-errors";
import type { Logger } from "@shop/service-kit/logger";
import type { ProductDeps } from "../../../application/ports";

export interface Context {
  deps: ProductDeps;
  log: Logger;
  /** Who the BFF says is acting (verified internal credential), or null without one. */
  actor: Actor | null;
}

const t = initTRPC.context<Context>().create({ errorFormatter: shopErrorFormatter });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Any caller the BFF vouches for, visitors included; no credential -> UNAUTHORIZED. */
export const serviceProcedure = t.procedure.use(({ ctx, next }) =>
  next({ ctx: { actor: requireActor(ctx.actor) } }),
);

/** Catalog changes: admins only (FORBIDDEN for shoppers and visitors). */
export const adminProcedure = t.procedure.use(({ ctx, next }) =>
  next({ ctx: { actor: requireAdmin(ctx.actor) } }),
);
