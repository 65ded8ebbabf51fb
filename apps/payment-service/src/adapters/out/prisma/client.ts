import { openDatabase, type Database } from "@shop/service-kit/database-pool";
import { PrismaClient, type Prisma } from "../../../generated/prisma/client";

/**
 * Prisma, and `sql`: the pg pool under it, for the saga path's plain SQL (a Prisma query costs
 * about five times the CPU of the same statement on pg: service-kit's database-pool.ts).
 */
export type Db = Database<PrismaClient>;
/** A Prisma interactive transaction's client (`db.$transaction(async (tx) => ...)`). */
export type Tx = Prisma.TransactionClient;

export const createDb = (connectionString: string, poolSize = 10): Db =>
  openDatabase(PrismaClient, connectionString, poolSize);
