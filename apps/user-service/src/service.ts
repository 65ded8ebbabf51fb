import type { ServiceDescription } from "@shop/service-kit/service";
import { startCleanupJob } from "./adapters/in/jobs/cleanup";
import { userServiceRouter } from "./adapters/in/trpc/router";
import { createContextFactory } from "./adapters/in/trpc/trpc";
import { DEMO_ACCOUNTS } from "./adapters/out/demo-accounts";
import { createDb, type Db } from "./adapters/out/prisma/client";
import { checkDemoAccounts } from "./application/check-demo-accounts";
import type { UserDeps } from "./application/ports";
import { userDeps } from "./deps";
import type { UserConfig } from "./env";

/** Accounts, sessions and roles: the API, and the cleanup of expired sign-in windows and sessions. */
export function userService({ env, sessionConfig }: UserConfig): ServiceDescription<Db, UserDeps> {
  return {
    name: "user-service",
    config: env,
    database: createDb,
    deps: (db: Db) => userDeps(db, sessionConfig),
    api: { router: userServiceRouter, createContext: createContextFactory },
    parts: [
      // In production, refuses to start while a demo account still has its published password.
      { name: "demo accounts", start: ({ deps }) => checkDemoAccounts(deps, DEMO_ACCOUNTS, env) },
      {
        name: "cleanup",
        start: ({ deps, log }) => startCleanupJob(deps, log, env.CLEANUP_INTERVAL_MINUTES),
      },
    ],
  };
}
