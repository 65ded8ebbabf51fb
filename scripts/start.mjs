// `npm start`: checks PostgreSQL and RabbitMQ, prepares the databases, builds everything for
// production, starts every process and prints the shop's URL. Ctrl-C stops them all.
// `node scripts/start.mjs --e2e` starts a throwaway copy for the browser tests.
import { preflight } from "./lib/preflight.mjs";
import { stopAll } from "./lib/processes.mjs";
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
  await preflight(log);
  await buildServices(log);
  await prepareDatabases(profile, log);
  const url = await startAll(profile, log);
  log(`The shop is running at ${url}  (admin: ${url}/admin/products). Press Ctrl-C to stop.`);
} catch (err) {
  console.error(`\n[shop] ${err.message}`);
  await stopAll();
  process.exit(1);
}
