import { z } from "zod";
import { parseEnv, serviceEnv } from "@shop/service-kit";

export const env = parseEnv(
  serviceEnv.extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4001),
    DATABASE_URL: z.url().default("postgresql://postgres@127.0.0.1:5432/shop_product"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  }),
  process.env,
);
