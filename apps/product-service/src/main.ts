import {
  closeOnSignals,
  createLogger,
  internalCredentialVerifier,
  startServiceServer,
} from "@shop/service-kit";
import { createDb } from "./adapters/out/prisma/client";
import { productServiceRouter } from "./adapters/in/trpc/router";
import { productDeps } from "./deps";
import { env } from "./env";

const log = createLogger("product-service", env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
const deps = productDeps(db);
const auth = internalCredentialVerifier(env.INTERNAL_AUTH_PUBLIC_KEY, "product-service");

const server = await startServiceServer({
  name: "product-service",
  router: productServiceRouter,
  createContext: async ({ req }) => ({ deps, log, actor: await auth.fromHeaders(req.headers) }),
  host: env.HOST,
  port: env.PORT,
  logger: log,
  isReady: async () => {
    await db.$queryRaw`SELECT 1`;
    return true;
  },
  onClose: () => db.$disconnect(),
});
closeOnSignals(server.close, log);
