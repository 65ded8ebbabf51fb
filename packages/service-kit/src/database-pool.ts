import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/*
 * A service's database connections: one pg pool, under Prisma (its driver adapter takes the
 * pool) and under the saga path's plain SQL (`db.sql`), so the two share the connections and
 * the pool size. A Prisma query costs about five times the CPU of the same statement on pg
 * (0.3 ms against 0.06 ms, measured), which matters where every checkout runs dozens.
 */

/**
 * `make(pool)` (the PrismaClient on the pool) with `sql`, the pool itself. Its `$disconnect`
 * ends the pool too, whether or not Prisma ever used it (Prisma's adapter ends a pool given to
 * it only if it connected); a second call does nothing more.
 */
export function prismaOnPool<P extends { $disconnect(): Promise<void> }>(
  connectionString: string,
  poolSize: number,
  make: (pool: pg.Pool) => P,
): P & { readonly sql: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle connection the server ends (a restart, a dropped database) is an 'error' on the
  // pool, which would crash the process unheard; the pool drops it and connects again when
  // asked. (Prisma's adapter listens too, but only once Prisma itself has run a query.)
  pool.on("error", () => undefined);
  const prisma = make(pool);
  const disconnect = prisma.$disconnect.bind(prisma);
  let closed: Promise<void> | undefined;
  return Object.assign(prisma, {
    sql: pool,
    $disconnect: () => (closed ??= disconnect().then(() => pool.end())),
  });
}

/** A service's database: its Prisma client, with `sql`, the pg pool under it. */
export type Database<P> = P & { readonly sql: pg.Pool };

/** A Prisma client class generated for one service's schema. */
export type PrismaClass<P> = new (options: { adapter: PrismaPg }) => P;

/** The service's generated PrismaClient on a pool of `poolSize` connections, with `sql`. */
export function openDatabase<P extends { $disconnect(): Promise<void> }>(
  Client: PrismaClass<P>,
  connectionString: string,
  poolSize = 10,
): Database<P> {
  return prismaOnPool(
    connectionString,
    poolSize,
    (pool) => new Client({ adapter: new PrismaPg(pool) }),
  );
}
