import {
  closeOnSignals,
  createLogger,
  internalCredentialVerifier,
  startServiceServer,
} from "@shop/service-kit";
import { createDb } from "./adapters/out/prisma/client";
import { userServiceRouter } from "./adapters/in/trpc/router";
import { createContextFactory } from "./adapters/in/trpc/trpc";
import { DEMO_ACCOUNTS } from "./adapters/out/demo-accounts";
import { checkDemoAccounts } from "./application/check-demo-accounts";
import { purgeExpired } from "./application/purge-expired";
import { userDeps } from "./deps";
import { env } from "./env";

const log = createLogger("user-service", env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
const deps = userDeps(db, {
  sessionTtlDays: env.SESSION_TTL_DAYS,
  sessionIdleDays: env.SESSION_IDLE_DAYS,
});
// In production, refuses to start while a demo account still has its published password.
await checkDemoAccounts(deps, DEMO_ACCOUNTS, env);
const auth = internalCredentialVerifier(env.INTERNAL_AUTH_PUBLIC_KEY, "user-service");

// Housekeeping: finished sign-in windows and long-ended sessions. Unref'd, so it never keeps
// the process alive; several instances running it at once only delete the same rows.
const cleanup = setInterval(() => {
  purgeExpired(deps).then(
    (deleted) => log.debug(deleted, "expired sign-in windows and sessions deleted"),
    (err: unknown) => log.warn({ err }, "cleanup failed; will retry"),
  );
}, env.CLEANUP_INTERVAL_MINUTES * 60_000);
cleanup.unref();

const server = await startServiceServer({
  name: "user-service",
  router: userServiceRouter,
  createContext: createContextFactory(deps, log, auth),
  host: env.HOST,
  port: env.PORT,
  logger: log,
  isReady: async () => {
    await db.$queryRaw`SELECT 1`;
    return true;
  },
  onClose: async () => {
    clearInterval(cleanup);
    await db.$disconnect();
  },
});
closeOnSignals(server.close, log);
