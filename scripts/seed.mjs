// `npm run seed`: brings every service's database up to date and adds the demo data that is
// missing (idempotent: existing rows, and an admin's edits to them, are left alone), on the
// servers `npm start` would choose (an embedded PostgreSQL is started for it and stopped after).
import { run } from "./lib/processes.mjs";
import { startServers } from "./lib/servers.mjs";
import { PROFILES, prepareDatabases } from "./lib/stack.mjs";

const log = (msg) => console.log(`[seed] ${msg}`);
await run("npx", ["turbo", "run", "generate", "--output-logs=errors-only"]);
const servers = await startServers(PROFILES.shop, log);
try {
  await prepareDatabases(PROFILES.shop, servers, log);
} finally {
  await servers.stop();
}
