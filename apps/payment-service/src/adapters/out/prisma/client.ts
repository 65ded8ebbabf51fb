import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Logger } from "@shop/service-kit/logger";
import { PrismaClient } from "../../../generated/prisma/client";

export type Db = InstanceType<typeof PrismaClient>;

export function createDb(connectionString: string, poolSize = 10): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: poolSize }) });
}

/**
 * The outbox relay's own connections (it holds one for LISTEN and one per batch), apart from
 * the use cases' pool so a burst of commands never waits behind the relay, or the reverse.
 */
export function createOutboxPool(connectionString: string, log: Logger): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 3 });
  // An idle connection dropped by the server would otherwise crash the process; the relay
  // reconnects by itself.
  pool.on("error", (err) => log.warn({ err }, "outbox pool: idle connection lost"));
  return pool;
}
