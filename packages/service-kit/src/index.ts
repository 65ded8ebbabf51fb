export { createLogger, type Logger } from "./logger";
export { parseEnv, serviceEnv } from "./env";
export {
  closeOnSignals,
  startServiceServer,
  type ServiceServer,
  type ServiceServerOptions,
} from "./http-server";
export { shopErrorFormatter, DomainTRPCError } from "./trpc-errors";
