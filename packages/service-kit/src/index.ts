export { createLogger, type Logger } from "./logger";
export { DEV_INTERNAL_AUTH_SECRET, parseEnv, serviceEnv } from "./env";
export {
  internalAuth,
  requireActor,
  requireAdmin,
  requireUser,
  type InternalAuth,
} from "./internal-auth";
export {
  closeOnSignals,
  startServiceServer,
  type ServiceServer,
  type ServiceServerOptions,
} from "./http-server";
export { shopErrorFormatter, DomainTRPCError } from "./trpc-errors";
