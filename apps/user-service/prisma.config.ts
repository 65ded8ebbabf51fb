import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// Prisma 6.19 runs migrations through its WebAssembly engine and this driver adapter, so no
// native engine is ever downloaded (see ../../README.md, "Databases").
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  adapter: async () =>
    new PrismaPg({
      connectionString:
        process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/shop_user",
    }),
});
