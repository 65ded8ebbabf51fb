// Which servers the shop runs on: PostgreSQL and RabbitMQ where they answer (distributed), or
// an embedded PostgreSQL and one service-host process on the in-memory transport (embedded),
// as README "Two ways to run" explains. SHOP_MODE=embedded|distributed chooses; unset, the
// servers' answer does.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedPostgres } from "./embedded-postgres.mjs";
import {
  checkPostgres,
  checkRabbitMQ,
  POSTGRES_URL,
  preflight,
  RABBITMQ_URL,
} from "./preflight.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The embedded PostgreSQL's port, past the profile's offset; another is taken if it is busy. */
export const EMBEDDED_PORT = 54329;

/** Each profile's own data folder: a throwaway profile's starts empty on every start. */
export const dataDirOf = (profile) =>
  path.join(ROOT, ".shop", profile.name === "shop" ? "postgres" : `postgres-${profile.name}`);

/** The servers of distributed mode (SHOP_POSTGRES_URL and RABBITMQ_URL), once they answer. */
export const DISTRIBUTED = Object.freeze({
  mode: "distributed",
  postgresUrl: POSTGRES_URL,
  rabbitmqUrl: RABBITMQ_URL,
  stop: async () => {},
});

const answers = (check) =>
  check().then(
    () => true,
    () => false,
  );

/**
 * The mode SHOP_MODE asks for, or the one the servers allow: distributed when PostgreSQL and
 * RabbitMQ both answer, else embedded (with the reason, for the one line that says so).
 */
export async function chooseMode(requested = process.env.SHOP_MODE) {
  if (requested === "distributed" || requested === "embedded") return { mode: requested };
  if (requested)
    throw new Error(
      `SHOP_MODE is "${requested}": use "embedded", "distributed", or leave it unset.`,
    );
  if (!(await answers(checkPostgres)))
    return { mode: "embedded", why: `No PostgreSQL at ${POSTGRES_URL}` };
  if (!(await answers(checkRabbitMQ)))
    return { mode: "embedded", why: `No RabbitMQ at ${new URL(RABBITMQ_URL).host}` };
  return { mode: "distributed" };
}

/**
 * Brings up the servers of the chosen mode for `profile`: { mode, postgresUrl, rabbitmqUrl
 * (distributed only), stop() }.
 */
export async function startServers(profile, log) {
  const { mode, why } = await chooseMode();
  if (mode === "distributed") {
    await preflight(log); // fails with how to start or install them
    return DISTRIBUTED;
  }
  const dataDir = dataDirOf(profile);
  const where = path.relative(ROOT, dataDir);
  log(
    why
      ? `${why}: running embedded, data in ${where}; see README "Two ways to run"`
      : `SHOP_MODE=embedded: running embedded, data in ${where}; see README "Two ways to run"`,
  );
  const server = await startEmbeddedPostgres({
    dataDir,
    fresh: profile.fresh,
    preferredPort: EMBEDDED_PORT + profile.portOffset,
    log,
  });
  log(`✓ embedded PostgreSQL answers at ${server.url.replace(/:[^:@/]*@/, ":…@")}`);
  return { mode, postgresUrl: server.url, stop: server.stop };
}

/** `npm test`'s own embedded server: its ports and data past the shop's, e2e's and the bench's. */
const TEST_PROFILE = { name: "test", fresh: true, portOffset: 300 };

/**
 * The servers `npm test`'s unit and integration tests use, as TEST_DATABASE_URL and
 * TEST_RABBITMQ_URL: the running ones where they answer; else an embedded PostgreSQL, and
 * TEST_RABBITMQ_URL=none, with which the tests that need a broker skip (the rest run on the
 * in-memory transport). SHOP_MODE forces as for `npm start`. Resolves { env, stop() }.
 */
export async function startTestServers(log) {
  const requested = process.env.SHOP_MODE;
  if (requested === "distributed") {
    await preflight(log);
    return { env: {}, stop: async () => {} };
  }
  const { mode } = await chooseMode(requested);
  if (mode === "distributed") return { env: {}, stop: async () => {} };
  const embedded = requested === "embedded";
  const env = {};
  let stop = async () => {};
  if (embedded || !(await answers(checkPostgres))) {
    const dataDir = dataDirOf(TEST_PROFILE);
    const server = await startEmbeddedPostgres({
      dataDir,
      fresh: true,
      preferredPort: EMBEDDED_PORT + TEST_PROFILE.portOffset,
      log,
    });
    env.TEST_DATABASE_URL = `${server.url}/postgres`;
    stop = server.stop;
    log(
      `no PostgreSQL: the integration tests use an embedded one (${path.relative(ROOT, dataDir)})`,
    );
  }
  if (embedded || !(await answers(checkRabbitMQ))) {
    env.TEST_RABBITMQ_URL = "none";
    log(
      "no RabbitMQ: the tests that need a broker are skipped (CI runs them); the rest run on " +
        "the in-memory transport",
    );
  }
  return { env, stop };
}
