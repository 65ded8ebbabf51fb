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
const EMBEDDED_PORT = 54329;

/** Each profile's own data folder: a throwaway profile's starts empty on every start. */
const dataDirOf = (profile) =>
  path.join(ROOT, ".shop", profile.name === "shop" ? "postgres" : `postgres-${profile.name}`);

/** Where `profile`'s embedded data lives, as the one line that says so names it. */
const whereOf = (profile) => path.relative(ROOT, dataDirOf(profile));

/**
 * The embedded PostgreSQL of `profile` (its data folder, its port; emptied first if the profile
 * is fresh): { url, port, stop() }.
 */
export const startEmbeddedFor = (profile, log) =>
  startEmbeddedPostgres({
    dataDir: dataDirOf(profile),
    fresh: profile.fresh,
    preferredPort: EMBEDDED_PORT + profile.portOffset,
    log,
  });

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

/** SHOP_MODE's value, checked: "embedded", "distributed" or undefined (let the servers say). */
function requestedMode(requested = process.env.SHOP_MODE) {
  if (requested === undefined || requested === "distributed" || requested === "embedded")
    return requested;
  throw new Error(`SHOP_MODE is "${requested}": use "embedded", "distributed", or leave it unset.`);
}

/**
 * The mode SHOP_MODE asks for, or the one the servers allow: distributed when PostgreSQL and
 * RabbitMQ both answer, else embedded (with the reason, for the one line that says so).
 */
export async function chooseMode(requested) {
  const mode = requestedMode(requested);
  if (mode) return { mode };
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
  const where = whereOf(profile);
  log(
    why
      ? `${why}: running embedded, data in ${where}; see README "Two ways to run"`
      : `SHOP_MODE=embedded: running embedded, data in ${where}; see README "Two ways to run"`,
  );
  const server = await startEmbeddedFor(profile, log);
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
  const requested = requestedMode();
  if (requested === "distributed") {
    await preflight(log);
    return { env: {}, stop: async () => {} };
  }
  const embedded = requested === "embedded";
  // Each probed once: either may answer without the other.
  const postgres = !embedded && (await answers(checkPostgres));
  const rabbitmq = !embedded && (await answers(checkRabbitMQ));
  const env = {};
  let stop = async () => {};
  if (!postgres) {
    const server = await startEmbeddedFor(TEST_PROFILE, log);
    env.TEST_DATABASE_URL = `${server.url}/postgres`;
    stop = server.stop;
    log(`no PostgreSQL: the integration tests use an embedded one (${whereOf(TEST_PROFILE)})`);
  }
  if (!rabbitmq) {
    env.TEST_RABBITMQ_URL = "none";
    log(
      "no RabbitMQ: the tests that need a broker are skipped (CI runs them); the rest run on " +
        "the in-memory transport",
    );
  }
  return { env, stop };
}
