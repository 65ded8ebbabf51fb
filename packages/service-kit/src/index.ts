export { createLogger, type Logger } from "./logger";
export { DEV_INTERNAL_AUTH_PUBLIC_KEY, parseEnv, serviceEnv, serviceEnvFor } from "./env";
export {
  DEFAULT_POSTGRES_SERVER,
  defaultDatabaseUrl,
  defaultServiceUrl,
  serviceEntry,
  SERVICES,
  type ServiceEntry,
} from "./services";
// The verifying half only: the signer (`@shop/service-kit/internal-auth-signer`) is the BFF's.
export {
  internalCredentialVerifier,
  requireActor,
  requireAdmin,
  requireUser,
  SERVICE_AUDIENCES,
  type InternalCredentialVerifier,
  type ServiceAudience,
} from "./internal-auth";
export { startServiceServer, type ServiceServer, type ServiceServerOptions } from "./http-server";
export { startPeriodicJob, type PeriodicJob, type PeriodicJobOptions } from "./periodic-job";
export {
  databaseCheck,
  readinessProbe,
  type CheckFailure,
  type ReadinessCheck,
  type ReadinessReport,
} from "./readiness";
export { MemoryTransactions, type MemoryState } from "./memory-transactions";
export {
  commonTRPCError,
  DomainTRPCError,
  shopErrorFormatter,
  valueOrThrowWith,
} from "./trpc-errors";
export { createServiceTRPC, type ServiceContext } from "./trpc";
export { randomIds, systemClock } from "./system";
