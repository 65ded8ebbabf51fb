// `npm start`: chooses the mode (servers.mjs: distributed on PostgreSQL and RabbitMQ where they
// answer, else embedded), prepares the databases, builds everything for production, starts
// every process and prints the shop's URL. Ctrl-C stops them all, the embedded PostgreSQL last.
// `node scripts/start.mjs --e2e` starts a throwaway copy for the browser tests.
import { stopAll, stopLast } from "./lib/processes.mjs";
import { startServers } from "./lib/servers.mjs";
import { buildServices, PROFILES, prepareDatabases, startAll } from "./lib/stack.mjs";

const profile = process.argv.includes("--e2e") ? PROFILES.e2e : PROFILES.shop;
const log = (msg) => console.log(`[shop] ${msg}`);

let shuttingDown = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    log("stopping…");
    await stopAll();
    process.exit(0);
  });
}

try {
  const servers = await startServers(profile, log);
  stopLast(servers.stop); // also when the supervisor gives up on a crashing process
  await buildServices(log);
  await prepareDatabases(profile, servers, log);
  const url = await startAll(profile, servers, log);
  log(`The shop is running at ${url}  (admin: ${url}/admin/products). Press Ctrl-C to stop.`);
} catch (err) {
  console.error(`\n[shop] ${err.message}`);
  await stopAll().catch(() => undefined);
  process.exit(1);
}
