// `npm run seed`: brings every service's database up to date and adds the demo data that is
// missing (idempotent: existing rows, and an admin's edits to them, are left alone).
import { run } from "./lib/processes.mjs";
import { PROFILES, prepareDatabases } from "./lib/stack.mjs";

await run("npx", ["turbo", "run", "generate", "--output-logs=errors-only"]);
await prepareDatabases(PROFILES.shop, (msg) => console.log(`[seed] ${msg}`));
