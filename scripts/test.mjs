// `npm test`: every check the project has, in order of cost: typecheck, lint (code style and
// architecture rules), unit and integration tests (real PostgreSQL), then the browser tests
// against a production build.
import { run, stopAll, stopLast } from "./lib/processes.mjs";
import { startTestServers } from "./lib/servers.mjs";

// Ctrl-C stops the step that is running (each runs in its own process group), then the servers.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => stopAll().finally(() => process.exit(130)));
}

const step = (msg) => console.log(`\n[test] ${msg}`);
try {
  step("checking PostgreSQL and RabbitMQ");
  const servers = await startTestServers((m) => console.log(`[test] ${m}`));
  stopLast(servers.stop);
  step("typecheck, lint, unit and integration tests");
  await run(
    "npx",
    ["turbo", "run", "typecheck", "lint", "test", "--output-logs=new-only", "--concurrency=2"],
    { env: servers.env },
  );
  // Each production image's tree, built from its Dockerfile without Docker, migrated, started
  // and stopped as the image would run (scripts/images.test.mjs; about 4 minutes).
  step("images (built from each Dockerfile, run as the image would)");
  await run("npm", ["run", "test:images", "--silent"], { env: servers.env });
  // The short chaos run (about 3 minutes): kills, cuts, a broker restart, duplicates and bad
  // input while checkouts run, then stock, money and coupons must add up. It starts and stops a
  // RabbitMQ node of its own (it restarts its broker), and stops its stack also on failure.
  step("chaos (npm run chaos -- --short)");
  if (servers.env.TEST_RABBITMQ_URL === "none") console.log("[test] no RabbitMQ: chaos skipped");
  else await run("npm", ["run", "chaos", "--silent", "--", "--short"], { env: servers.env });
  await servers.stop();
  // The scripts' own tests (node's test runner): the supervisor's restart rules, among others.
  await run("npm", ["run", "test:scripts", "--silent"]);
  await run("npm", ["run", "lint:deps", "--silent"]);
  await run("npx", ["prettier", "--check", ".", "--log-level", "warn"]);
  // The browser tests' shop chooses its own mode, as `npm start` does (embedded without servers).
  step("browser tests (Playwright, production build)");
  await run("npm", ["run", "e2e", "-w", "@shop/web"], { env: { CI: process.env.CI ?? "" } });
  step("all checks passed");
} catch (err) {
  console.error(`\n[test] ${err.message}`);
  await stopAll().catch(() => undefined);
  process.exit(1);
}
