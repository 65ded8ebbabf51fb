/* eslint-disable no-console -- a command-line tool talks to its terminal */
// Usage: tsx migrate-cli.ts <migrations dir>   (DATABASE_URL names the database)
import { applyMigrations, ensureDatabase } from "./migrate";

const dir = process.argv[2];
const url = process.env.DATABASE_URL;
if (!dir || !url) {
  console.error("usage: DATABASE_URL=postgresql://... migrate <migrations dir>");
  process.exit(2);
}
if (await ensureDatabase(url)) console.log(`created database ${new URL(url).pathname.slice(1)}`);
const { applied, skipped } = await applyMigrations(url, dir);
console.log(`migrations: ${applied.length} applied${applied.length ? ` (${applied.join(", ")})` : ""}, ${skipped} already in place`);
