/* eslint-disable no-console, no-restricted-properties -- a command-line tool: its terminal and its environment are its interface */
// Usage (DATABASE_URL names the database):
//   tsx migrate-cli.ts <migrations dir>   create the database if missing, apply migrations
//   tsx migrate-cli.ts --drop             drop it (only *_test / *_e2e / *_bench databases)
import { applyMigrations, dropDatabase, ensureDatabase } from "./migrate";

const arg = process.argv[2];
const url = process.env.DATABASE_URL;
if (!arg || !url) {
  console.error("usage: DATABASE_URL=postgresql://... migrate <migrations dir> | --drop");
  process.exit(2);
}
const name = new URL(url).pathname.slice(1);
if (arg === "--drop") {
  await dropDatabase(url);
  console.log(`dropped database ${name}`);
} else {
  if (await ensureDatabase(url)) console.log(`created database ${name}`);
  const { applied, skipped } = await applyMigrations(url, arg);
  console.log(
    `${name}: ${applied.length} migrations applied${applied.length ? ` (${applied.join(", ")})` : ""}, ${skipped} already in place`,
  );
}
