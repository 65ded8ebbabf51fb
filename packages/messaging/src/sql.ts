import { createHash } from "node:crypto";
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

/** A statement as pg runs it prepared: parsed and planned once per connection, then reused. */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/**
 * Names a statement after its text, for pg to prepare once per connection: `pool.query({
 * ...SAVE, values })`. The hot path's statements are large CTEs run thousands of times a
 * minute; parsing and planning each one every time was a good part of the server's CPU in the
 * checkout benchmark. The name is a hash of the text, so two texts never share a name.
 */
export function prepared(text: string): PreparedStatement {
  return { name: `shop_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`, text };
}

/** Runs a parameterised statement ($1, $2...) on the caller's transaction; returns the row count. */
export async function execute(
  db: TransactionClient | pg.Pool,
  statement: PreparedStatement,
  values: unknown[],
  options: { outsideTransaction?: boolean } = {},
): Promise<number> {
  if (db instanceof pg.Pool && !options.outsideTransaction)
    throw new OutboxError(
      "Pass the client of the caller's transaction, not a pool: a pool runs each statement in a transaction of its own",
    );
  if ("$executeRawUnsafe" in db) return db.$executeRawUnsafe(statement.text, ...values);
  return (await db.query({ ...statement, values })).rowCount ?? 0;
}

const byText = new Map<string, PreparedStatement>();

/** Runs `text` prepared (see prepared), for code that keeps its statements inline. */
export function queryPrepared<R extends pg.QueryResultRow>(
  db: pg.ClientBase | pg.Pool,
  text: string,
  values: unknown[],
): Promise<pg.QueryResult<R>> {
  let statement = byText.get(text);
  if (!statement) byText.set(text, (statement = prepared(text)));
  return db.query<R>({ ...statement, values });
}

/**
 * Runs `work` between BEGIN and COMMIT on one connection of the pool, and ROLLBACK when it
 * throws (the COMMIT included: a deferred constraint fails there). A burst of callers queues for
 * a connection.
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (e) {
    broken = true;
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    // A connection that failed mid-transaction is not handed back to the pool.
    client.release(broken);
  }
}
