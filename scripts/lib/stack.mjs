// What the shop is made of, and how to bring it up: databases, builds, processes.
import { generateKeyPairSync } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { run, start, waitForHttp, writePidFile } from "./processes.mjs";
import { startTraceSink } from "./trace-sink.mjs";

const ROOT = new URL("../../", import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(new URL(path, ROOT), "utf8"));

/**
 * Each service (name, workspace, port, database), from the one list the services' own
 * defaults come from too: packages/service-kit/services.json. A service listed before its
 * workspace (apps/<name>) exists, or before it has a start script, is left out, so the list
 * can run ahead of the code.
 */
const ENTRIES = readJson("packages/service-kit/services.json").filter((s) => {
  if (!existsSync(new URL(`apps/${s.name}/package.json`, ROOT))) return false;
  const { name, scripts = {} } = readJson(`apps/${s.name}/package.json`);
  if (name !== s.workspace)
    throw new Error(`apps/${s.name} is ${name}, but services.json says ${s.workspace}`);
  // A service still being written (no start script yet) is not started.
  return Boolean(scripts.start);
});
export const SERVICES = ENTRIES.filter((s) => s.database);
/**
 * Entries without a database are stand-ins for systems outside the shop (the data platform's
 * receiver): started first, never migrated or seeded, and not services the BFF calls.
 */
export const STAND_INS = ENTRIES.filter((s) => !s.database);
const DATA_PLATFORM = STAND_INS.find((s) => s.name === "data-platform-receiver");

/** The normal shop, and the throwaway one the browser tests run against (other ports, own DBs). */
export const PROFILES = {
  shop: {
    name: "shop",
    webPort: 3000,
    portOffset: 0,
    dbSuffix: "",
    distDir: ".next",
    fresh: false,
    trustProxy: process.env.TRUST_PROXY ?? "",
  },
  e2e: {
    name: "e2e",
    webPort: 3100,
    portOffset: 100,
    dbSuffix: "_e2e",
    // Its own RabbitMQ vhost: an e2e coupon-service must never take the shop's commands.
    vhost: "shop_e2e",
    distDir: ".next-e2e",
    fresh: true,
    // The browser tests stand in for a proxy on this machine: each test sends its own client
    // address in X-Forwarded-For, so one test's sign-in limit never locks out another.
    trustProxy: "loopback",
    // A forward step waits this long for its participant before the saga compensates: long
    // enough for the operations test to dead-letter a payment, put the cause right and replay
    // it from the console (e2e/ops.spec.ts). The shop's own default is 10 s.
    sagaStepTimeoutMs: 30_000,
    // Every process exports its traces to a sink of the stack's, which keeps them in
    // .shop/e2e-spans.jsonl: e2e/traces.spec.ts reads one checkout's trace from there.
    traceSink: true,
    // The saga inspector links each order's trace here (Jaeger's address on a developer's
    // machine); the browser test checks the link.
    traceUrlTemplate: "http://localhost:16686/trace/{traceId}",
  },
  // `npm run bench`'s copy: production settings on ports, databases, vhost and build of its
  // own, fresh each run, so the figures never depend on a shop's or a test's leftovers.
  bench: {
    name: "bench",
    webPort: 3200,
    portOffset: 200,
    dbSuffix: "_bench",
    vhost: "shop_bench",
    distDir: ".next-bench",
    fresh: true,
    trustProxy: "",
  },
};

/**
 * The BFF signs each request's internal credential with the private key; the services verify
 * it with the public key. A fresh Ed25519 pair per start unless you set your own pair: the
 * private key goes to the web process only, the public key to the services only.
 */
function internalAuthKeys() {
  const { INTERNAL_AUTH_PRIVATE_KEY: privateKey, INTERNAL_AUTH_PUBLIC_KEY: publicKey } =
    process.env;
  if (privateKey && publicKey) return { privateKey, publicKey };
  if (privateKey || publicKey)
    throw new Error(
      "Set both INTERNAL_AUTH_PRIVATE_KEY and INTERNAL_AUTH_PUBLIC_KEY (one pair), or neither",
    );
  const pair = generateKeyPairSync("ed25519");
  return {
    privateKey: pair.privateKey.export({ type: "pkcs8", format: "pem" }),
    publicKey: pair.publicKey.export({ type: "spki", format: "pem" }),
  };
}
const INTERNAL_AUTH = internalAuthKeys();

/**
 * The OTEL_* variables every process gets: none (tracing off) until startAll() starts a
 * profile's trace sink, then those pointing at it.
 */
let tracingVars = {};

/** Where the profile's trace sink keeps the spans (e2e/traces.spec.ts reads them). */
export const spansFileOf = (profile) =>
  fileURLToPath(new URL(`.shop/${profile.name}-spans.jsonl`, ROOT));

/** The broker URL of a profile: its own vhost when it has one. */
function brokerUrl(profile, servers) {
  if (!profile.vhost) return servers.rabbitmqUrl;
  const url = new URL(servers.rabbitmqUrl);
  url.pathname = `/${profile.vhost}`;
  return url.toString();
}

/** Creates the profile's vhost (idempotent) with rabbitmqctl, which needs the broker's host. */
async function ensureVhost(profile, servers, log) {
  if (!profile.vhost || servers.mode !== "distributed") return;
  const user = decodeURIComponent(new URL(servers.rabbitmqUrl).username || "guest");
  try {
    await run("rabbitmqctl", ["-q", "add_vhost", profile.vhost], { stdio: "ignore" }).catch(
      () => {}, // already there
    );
    await run(
      "rabbitmqctl",
      ["-q", "set_permissions", "-p", profile.vhost, user, ".*", ".*", ".*"],
      {
        stdio: "ignore",
      },
    );
    log(`✓ RabbitMQ vhost ${profile.vhost}`);
  } catch {
    throw new Error(
      `Could not create the RabbitMQ vhost "${profile.vhost}" with rabbitmqctl. Create it ` +
        `yourself (rabbitmqctl add_vhost ${profile.vhost}; rabbitmqctl set_permissions -p ` +
        `${profile.vhost} ${user} ".*" ".*" ".*").`,
    );
  }
}

/**
 * A service's environment on `servers` (servers.mjs). Embedded, it has no broker: the host
 * process gives every service the in-memory transport.
 */
export function serviceEnv(service, profile, servers) {
  return {
    NODE_ENV: "production",
    PORT: String(service.port + profile.portOffset),
    DATABASE_URL: `${servers.postgresUrl}/${service.database}${profile.dbSuffix}`,
    ...(servers.mode === "distributed" && { RABBITMQ_URL: brokerUrl(profile, servers) }),
    INTERNAL_AUTH_PUBLIC_KEY: INTERNAL_AUTH.publicKey,
    // Children inherit this process's environment: never an operator's private key.
    INTERNAL_AUTH_PRIVATE_KEY: undefined,
    // npm start and the e2e stack are local use: the seed adds the demo accounts (README).
    DEMO_ACCOUNTS: "allow",
    // order-service exports completed orders to this profile's own receiver.
    ...(DATA_PLATFORM && { DATA_PLATFORM_URL: `${urlOf(DATA_PLATFORM, profile)}/orders` }),
    ...(profile.sagaStepTimeoutMs &&
      service.name === "order-service" && {
        SAGA_STEP_TIMEOUT_MS: String(profile.sagaStepTimeoutMs),
      }),
    ...tracingVars,
  };
}

/** A stand-in keeps what it received in .shop/<name>-<profile>.jsonl (the e2e copy starts empty). */
const dataFileOf = (standIn, profile) =>
  fileURLToPath(new URL(`.shop/${standIn.name}-${profile.name}.jsonl`, ROOT));

function standInEnv(standIn, profile) {
  return {
    NODE_ENV: "production",
    PORT: String(standIn.port + profile.portOffset),
    DATA_FILE: dataFileOf(standIn, profile),
    ...tracingVars,
  };
}

const urlOf = (service, profile) => `http://127.0.0.1:${service.port + profile.portOffset}`;
/** The BFF finds product-service at PRODUCT_SERVICE_URL, payment-service at PAYMENT_SERVICE_URL... */
/** A service's name as env variables spell it: PRODUCT_SERVICE for product-service. */
const envNameOf = (service) => service.name.toUpperCase().replaceAll("-", "_");
const urlVariableOf = (service) => `${envNameOf(service)}_URL`;

/*
 * The storefront's V8 heap, sized for the process and not the machine: Node sizes the old space
 * from the machine's memory (4 GB here), and V8 lets it fill with garbage up to ~4 times the live
 * set before compacting: after the page load the heap held 267 MB for 62 MB of live objects
 * (docs/benchmarks.md, issue 28). The young generation stays at V8's default for this machine.
 * The image's CMD (apps/web/Dockerfile) says the same.
 */
export const WEB_NODE_FLAGS = ["--max-old-space-size=256", "--max-semi-space-size=16"];

export function webEnv(profile) {
  return {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: profile.distDir,
    TRUST_PROXY: profile.trustProxy,
    INTERNAL_AUTH_PRIVATE_KEY: INTERNAL_AUTH.privateKey,
    INTERNAL_AUTH_PUBLIC_KEY: undefined,
    ...Object.fromEntries(SERVICES.map((s) => [urlVariableOf(s), urlOf(s, profile)])),
    ...(profile.traceUrlTemplate && { TRACE_URL_TEMPLATE: profile.traceUrlTemplate }),
    ...tracingVars,
  };
}

/**
 * The service host's environment (apps/service-host/src/env.ts): each service's own settings
 * under its name (ORDER_SERVICE_PORT, ORDER_SERVICE_DATABASE_URL, ...), since five services
 * share one process's environment.
 */
function hostEnv(profile, servers) {
  // The host's own entry starts its tracing: the OTEL_* variables go unprefixed too.
  const env = { NODE_ENV: "production", INTERNAL_AUTH_PRIVATE_KEY: undefined, ...tracingVars };
  for (const s of SERVICES) {
    for (const [key, value] of Object.entries(serviceEnv(s, profile, servers)))
      env[`${envNameOf(s)}_${key}`] = value;
  }
  return env;
}

const npm = (args, env) => run("npm", args, { env });

/** Creates (or, for a fresh profile, recreates) each database, migrates and seeds it. */
export async function prepareDatabases(profile, servers, log) {
  await ensureVhost(profile, servers, log);
  for (const s of SERVICES) {
    const env = serviceEnv(s, profile, servers);
    if (profile.fresh) await npm(["run", "db:drop", "-w", s.workspace, "--silent"], env);
    await npm(["run", "db:migrate", "-w", s.workspace, "--silent"], env);
    // A service with no demo data (order-service starts with no orders) has no seed script.
    const seeds = Boolean(readJson(`apps/${s.name}/package.json`).scripts?.seed);
    if (seeds) await npm(["run", "seed", "-w", s.workspace, "--silent"], env);
    log(`✓ ${s.database}${profile.dbSuffix}: migrated${seeds ? " and seeded" : ""}`);
  }
}

/** Generates the Prisma clients and bundles each service for production. */
export async function buildServices(log) {
  await run("npx", ["turbo", "run", "build", "--filter=!@shop/web", "--output-logs=errors-only"]);
  log("✓ services built");
}

/** Starts the stand-ins and the services, then builds and starts the storefront against them. */
export async function startAll(profile, servers, log) {
  if (profile.traceSink) {
    tracingVars = await startTraceSink(spansFileOf(profile));
    log(
      `✓ traces go to ${tracingVars.OTEL_EXPORTER_OTLP_ENDPOINT}, kept in .shop/${profile.name}-spans.jsonl`,
    );
  }
  for (const s of STAND_INS) {
    if (profile.fresh) rmSync(dataFileOf(s, profile), { force: true });
    start(s.name, "node", ["dist/main.js"], { cwd: `apps/${s.name}`, env: standInEnv(s, profile) });
    await waitForHttp(`${urlOf(s, profile)}/health`);
    // No URL here: the storefront's must be the last one the log shows that answers "/" (a
    // script waiting for the shop takes the last URL printed; the stand-in's page answers too).
    log(
      `✓ ${s.name} ready on port ${new URL(urlOf(s, profile)).port} (a stand-in for an external system)`,
    );
  }
  if (servers.mode === "embedded") {
    start("service-host", "node", ["dist/main.js"], {
      cwd: "apps/service-host",
      env: hostEnv(profile, servers),
    });
    for (const s of SERVICES) {
      await waitForHttp(`${urlOf(s, profile)}/ready`);
      log(`✓ ${s.name} ready at ${urlOf(s, profile)} (in the service host)`);
    }
  } else
    for (const s of SERVICES) {
      const env = serviceEnv(s, profile, servers);
      start(s.name, "node", ["dist/main.js"], { cwd: `apps/${s.name}`, env });
      await waitForHttp(`${urlOf(s, profile)}/ready`);
      log(`✓ ${s.name} ready at ${urlOf(s, profile)}`);
    }
  // The storefront prerenders catalog pages, so it is built while the services answer.
  await run("npm", ["run", "build", "-w", "@shop/web", "--silent"], { env: webEnv(profile) });
  log("✓ storefront built");
  // src/main.ts: Next behind our own front, which takes the client's address from the connection.
  start("web", "node", [...WEB_NODE_FLAGS, "dist/main.js"], {
    cwd: "apps/web",
    env: { ...webEnv(profile), HOST: "127.0.0.1", PORT: String(profile.webPort) },
  });
  const url = `http://localhost:${profile.webPort}`;
  await waitForHttp(url);
  writePidFile(`${profile.name}-pids.json`);
  if (DATA_PLATFORM)
    log(
      `Completed orders go to the data platform's stand-in: http://localhost:${DATA_PLATFORM.port + profile.portOffset}/`,
    );
  return url;
}
