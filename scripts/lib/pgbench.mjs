// PostgreSQL's own bound on this machine: how many small write transactions a second the server
// commits (pgbench's "simple update" script, -N: three single-row writes and a read each), in
// a throwaway database on the same server the services use, reached the way they reach it.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import pg from "pg";
import { POSTGRES_URL } from "./preflight.mjs";

const SOCKET_DIR = "/var/run/postgresql";

/**
 * The server's URL for `database`: by its Unix socket when it has one and no server was named
 * (SHOP_POSTGRES_URL), as the checkout benchmark's services connect.
 */
function urlOf(database) {
  if (!process.env.SHOP_POSTGRES_URL && existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`))
    return `postgresql://postgres@localhost/${database}?host=${SOCKET_DIR}`;
  return `${POSTGRES_URL}/${database}`;
}

async function admin(sql) {
  const client = new pg.Client({ connectionString: urlOf("postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * `pgbench -i` then `pgbench -N -c <clients> -j 2 -T <seconds>` on a database made for it and
 * dropped after (also when the phase fails or is stopped through `signal`). Resolves with the
 * transactions a second pgbench reports (without the connections' set-up) and its report.
 */
export async function pgbenchTps({ signal, clients = 8, seconds = 10 }) {
  const database = `shop_pgbench_${randomBytes(4).toString("hex")}`;
  const pgbench = (args) => promisify(execFile)("pgbench", [...args, urlOf(database)], { signal });
  await admin(`CREATE DATABASE ${database}`);
  try {
    await pgbench(["-i", "-q"]);
    const { stdout } = await pgbench(["-N", "-c", `${clients}`, "-j", "2", "-T", `${seconds}`]);
    const tps = stdout.match(/tps = ([\d.]+) \(without initial connection time\)/);
    if (!tps) throw new Error(`pgbench printed no tps line:\n${stdout}`);
    return { tps: Number(tps[1]), seconds, report: stdout };
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}
