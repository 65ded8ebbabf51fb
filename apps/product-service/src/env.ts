import { parseEnv, serviceEnvFor } from "@shop/service-kit";

/** PORT, DATABASE_URL and their defaults (services.json), the pool, keys: see serviceEnvFor. */
export const env = parseEnv(serviceEnvFor("product-service"), process.env);
