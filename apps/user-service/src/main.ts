import {
  createLogger,
  createShutdown,
  databaseCheck,
  internalCredentialVerifier,
  startServiceServer,
} from "@shop/service-kit";
import { createDb } from "./adapters/out/prisma/client";
import { startCleanupJob } from "./adapters/in/jobs/cleanup";
import { userServiceRouter } from "./adapters/in/trpc/router";
import { createContextFactory } from "./adapters/in/trpc/trpc";
import { DEMO_ACCOUNTS } from "./adapters/out/demo-accounts";
import { checkDemoAccounts } from "./application/check-demo-accounts";
import { userDeps } from "./deps";
import { env, sessionConfig } from "./env";

const log = createLogger("user-service", env.LOG_LEVEL);
// On SIGTERM: workers stop taking work and drain, then resources close, the last opened first.
const shutdown = createShutdown(log);
const db = shutdown.resource("database", createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE));
const deps = userDeps(db, sessionConfig);
// In production, refuses to start while a demo account still has its published password.
await checkDemoAccounts(deps, DEMO_ACCOUNTS, env);
const verifier = internalCredentialVerifier(env.INTERNAL_AUTH_PUBLIC_KEY, "user-service");

shutdown.worker("cleanup", startCleanupJob(deps, log, env.CLEANUP_INTERVAL_MINUTES));
shutdown.worker(
  "http server",
  await startServiceServer({
    name: "user-service",
    router: userServiceRouter,
    createContext: createContextFactory({ deps, log, verifier }),
    host: env.HOST,
    port: env.PORT,
    logger: log,
    readiness: { database: databaseCheck(db) },
  }),
);
shutdown.closeOnSignals();
