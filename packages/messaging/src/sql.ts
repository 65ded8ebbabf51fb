import pg from "pg";
import { OutboxError } from "./errors";

/*
 * The outbox append and the inbox record must run on the caller's transaction, whatever holds
 * it: a pg client between BEGIN and COMMIT, or a Prisma interactive transaction's `tx`.
 */

/** The one method of a Prisma transaction client used here (`tx` in `$transaction(async (tx) => ...)`). */
export interface PrismaTransaction {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/** A connection inside the caller's transaction. A Pool is refused: it would run outside it. */
export type TransactionClient = pg.ClientBase | PrismaTransaction;

/** Runs a parameterised statement ($1, $2...) on the caller's transaction; returns the row count. */
export async function execute(
  db: TransactionClient | pg.Pool,
  text: string,
  values: unknown[],
  options: { outsideTransaction?: boolean } = {},
): Promise<number> {
  if (db instanceof pg.Pool && !options.outsideTransaction)
    throw new OutboxError(
      "Pass the client of the caller's transaction, not a pool: a pool runs each statement in a transaction of its own",
    );
  if ("$executeRawUnsafe" in db) return db.$executeRawUnsafe(text, ...values);
  return (await db.query(text, values)).rowCount ?? 0;
}
