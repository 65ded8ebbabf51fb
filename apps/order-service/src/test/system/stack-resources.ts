import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { applyMigrations, dropDatabase, ensureDatabase } from "@shop/service-kit/migrate";
import { NAME_PREFIX, POSTGRES_SERVER, REPO, withPath, type HostedService } from "./stack-env";

/*
 * What a stack makes outside its processes, and removes again: one PostgreSQL database per
 * service (migrated with the service-kit runner from the service's committed migrations), one
 * RabbitMQ vhost (rabbitmqctl; a memory stack has none), and the advisory lock that keeps exclusive stacks apart.
 */

/** The advisory lock of exclusive stacks (any constant no service uses; migrate.ts uses 727001). */
const EXCLUSIVE_LOCK = 727_101;
const exec = promisify(execFile);

const rabbitmqctl = (...args: string[]) => exec("rabbitmqctl", ["-q", ...args]);

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Waits until no other exclusive stack runs on the PostgreSQL server: the answer holds the lock
 * for as long as its session lives (end it to let the next stack go).
 */
export async function exclusiveLock(): Promise<pg.Client> {
  const lock = new pg.Client({ connectionString: POSTGRES_SERVER });
  lock.on("error", () => undefined);
  await lock.connect();
  await lock.query("SELECT pg_advisory_lock($1)", [EXCLUSIVE_LOCK]);
  return lock;
}

/** Databases and vhosts of earlier stacks whose process is gone (a crashed or killed run). */
export async function removeLeftovers() {
  const orphan = (name: string) => {
    const pid = Number(new RegExp(`^${NAME_PREFIX}(\\d+)_`).exec(name)?.[1]);
    return Number.isInteger(pid) && pid > 0 && !isAlive(pid);
  };
  const client = new pg.Client({ connectionString: POSTGRES_SERVER });
  await client.connect();
  let databases: string[];
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${NAME_PREFIX}%`],
    );
    databases = rows.map((r) => r.datname).filter(orphan);
  } finally {
    await client.end();
  }
  for (const name of databases) await dropDatabase(withPath(POSTGRES_SERVER, name));
  const { stdout } = await rabbitmqctl("list_vhosts", "name").catch(() => ({ stdout: "" }));
  for (const vhost of stdout.split("\n").map((l) => l.trim()))
    if (vhost.startsWith(NAME_PREFIX) && orphan(vhost))
      await rabbitmqctl("delete_vhost", vhost).catch(() => undefined);
}

/**
 * The vhost (none for a memory stack), `user` allowed everything in it; each service's database,
 * migrated; at once.
 */
export async function makeVhostAndDatabases(
  vhost: string | undefined,
  user: string,
  databaseUrls: Readonly<Partial<Record<HostedService, string>>>,
) {
  const vhostMade = (async () => {
    if (vhost === undefined) return;
    await rabbitmqctl("add_vhost", vhost);
    await rabbitmqctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*");
  })();
  await Promise.all([
    vhostMade,
    ...Object.entries(databaseUrls).map(async ([service, url]) => {
      await ensureDatabase(url);
      await applyMigrations(url, `${REPO}apps/${service}/prisma/migrations`);
    }),
  ]);
}

/** Drops the databases one after the other; the answer is what failed. */
export async function dropDatabases(urls: readonly string[]): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (const url of urls) await dropDatabase(url).catch((e: unknown) => failures.push(e));
  return failures;
}

/** Deletes the vhost; the answer is what failed. */
export async function deleteVhost(vhost: string): Promise<unknown[]> {
  const failures: unknown[] = [];
  await rabbitmqctl("delete_vhost", vhost).catch((e: unknown) => failures.push(e));
  return failures;
}
