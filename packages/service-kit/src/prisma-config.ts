import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import type { ServiceAudience } from "./internal-auth";
import { defaultDatabaseUrl } from "./services";

/**
 * A service's prisma.config.ts: `export default servicePrismaConfig("user-service");` (the CLI
 * runs in the service's folder, so the schema is prisma/schema.prisma). Prisma 6.19 runs
 * migrations through its WebAssembly engine and this driver adapter, so no native engine is ever
 * downloaded (README, "Databases"). The database is DATABASE_URL, by default the service's own
 * from services.json.
 */
export function servicePrismaConfig(name: ServiceAudience) {
  return defineConfig({
    experimental: { adapter: true },
    engine: "js",
    schema: path.join("prisma", "schema.prisma"),
    adapter: async () =>
      new PrismaPg({
        // eslint-disable-next-line no-restricted-properties -- the Prisma CLI's own config, read when the CLI starts (like an env.ts)
        connectionString: process.env.DATABASE_URL ?? defaultDatabaseUrl(name),
      }),
  });
}
