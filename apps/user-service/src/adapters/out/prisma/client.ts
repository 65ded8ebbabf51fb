import { openDatabase, type Database } from "@shop/service-kit/database-pool";
import { PrismaClient } from "../../../generated/prisma/client";

export type Db = Database<PrismaClient>;

export const createDb = (connectionString: string, poolSize = 10): Db =>
  openDatabase(PrismaClient, connectionString, poolSize);
