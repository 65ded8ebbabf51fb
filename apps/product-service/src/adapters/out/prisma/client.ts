import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "../../../generated/prisma/client";

export type Db = InstanceType<typeof PrismaClient>;
/** A Prisma interactive transaction's client (`db.$transaction(async (tx) => ...)`). */
export type Tx = Prisma.TransactionClient;

export function createDb(connectionString: string, poolSize = 10): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: poolSize }) });
}
