// `npm run test:images`: builds each production image's file tree exactly as its Dockerfile
// says (scripts/lib/dockerfile.mjs runs the stages without Docker: the real turbo prune,
// npm ci and build), then runs what the final stage holds as the image would: its migration
// command against a throwaway database, its CMD with its ENV as uid 1000 (files it cannot
// write, but /tmp and what the Dockerfile says must be writable), until /ready and /health
// answer, its HEALTHCHECK, and SIGTERM for a clean exit. TEST_DATABASE_URL and
// TEST_RABBITMQ_URL name the servers (TEST_RABBITMQ_URL=none skips: a service needs its broker).
// IMAGES=web,order-service builds only those; KEEP_IMAGE_BUILDS=1 keeps the folders.
import { spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { builtinModules } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { buildImage, imageEnv } from "./lib/dockerfile.mjs";
import {
  dockerfileProblems,
  dockerignoreProblems,
  imageApps,
  writablePaths,
} from "./lib/image-rules.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SERVER = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const BROKER = process.env.TEST_RABBITMQ_URL ?? "amqp://guest:guest@127.0.0.1:5672";
const only = process.env.IMAGES?.split(",");
const APPS = imageApps().filter((a) => !only || only.includes(a.name));
/** Apps built at once: two keeps both cores busy (an install waits on the disk, a build not). */
const CONCURRENCY = Number(process.env.IMAGE_CONCURRENCY ?? 2);
/** The drain the apps allow themselves (http-server.ts and web's main.ts: 10 s), and a margin. */
const DRAIN_MS = 15_000;
/** The uid the images run as (USER node); the test switches to it when it runs as root. */
const UID = 1000;
const asImageUser = process.getuid?.() === 0;

const skip =
  BROKER === "none" ? "TEST_RABBITMQ_URL=none: the services need a broker (CI runs this)" : false;
if (skip) console.log(`[images] skipped: ${skip}`);
else if (!asImageUser)
  console.log(
    `[images] not root: the apps run as this user, not uid ${UID}, so the read-only files are not proven`,
  );

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

/** Which phase a RUN step is, for the timings line. */
const phaseOf = (step) =>
  /\bturbo(@\S+)? prune\b/.test(step)
    ? "prune"
    : /\bnpm ci\b/.test(step)
      ? "install"
      : /\bnpm prune\b/.test(step)
        ? "omit-dev"
        : "build";

/** The broker URL on a vhost of the test's own (when rabbitmqctl can make one here). */
function brokerFor() {
  const url = new URL(BROKER);
  const vhost = "shop_images";
  const user = decodeURIComponent(url.username || "guest");
  const made = spawnSync("rabbitmqctl", ["-q", "add_vhost", vhost], { stdio: "ignore" });
  if (made.error || made.status !== 0) return BROKER; // no rabbitmqctl here: the broker as given
  spawnSync("rabbitmqctl", ["-q", "set_permissions", "-p", vhost, user, ".*", ".*", ".*"], {
    stdio: "ignore",
  });
  url.pathname = `/${vhost}`;
  return url.toString();
}

/** Runs the image's command (exec form) in its WORKDIR with `env`, as the image's user. */
function runInImage(image, argv, env, opts = {}) {
  const [cmd, ...args] = argv;
  assert.equal(cmd, "node", "the image's commands run node");
  return spawn(process.execPath, args, {
    cwd: path.join(image.root, image.workdir),
    env,
    stdio: ["ignore", "pipe", "pipe"],
    ...(asImageUser && { uid: UID, gid: UID }),
    ...opts,
  });
}

/** Resolves { code, out } once the process exits. */
const exited = (child) =>
  new Promise((resolve) => {
    let out = "";
    child.stdout.on("data", (c) => (out = (out + c).slice(-8000)));
    child.stderr.on("data", (c) => (out = (out + c).slice(-8000)));
    child.on("close", (code, signal) => resolve({ code, signal, out: () => out }));
  });

async function waitFor(url, status, ms, alive) {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    alive();
    try {
      const res = await fetch(url);
      last = res.status;
      if (res.status === status) return;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer ${status} within ${seconds(ms)} (last: ${last})`);
}

/** Makes the folder chain down to `dir` traversable by the image's user (mkdtemp makes 0700). */
function openForImageUser(dir) {
  if (asImageUser) chmodSync(dir, 0o755);
}

/** The bare imports of a bundle (its externals), each of which must resolve in the image. */
function externalsOf(file) {
  const code = readFileSync(file, "utf8");
  const name = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w./-]*)?$/;
  const specs = new Set();
  const statements = /^(?:import|export)\b[^;]*?["']([^"']+)["'];?$/gm;
  const calls = /\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of [...code.matchAll(statements), ...code.matchAll(calls)])
    // Node's own modules, with or without "node:" (bundled dependencies often write "zlib").
    if (name.test(m[1]) && !m[1].startsWith("node:") && !builtinModules.includes(m[1]))
      specs.add(m[1]);
  return [...specs];
}

/** Whether `spec`'s package is in a node_modules from `dir` up to the image's root, as Node looks. */
function packageFound(spec, dir, root) {
  const name = spec.split("/", spec.startsWith("@") ? 2 : 1).join("/");
  for (let d = dir; d.startsWith(root); d = path.dirname(d)) {
    if (existsSync(path.join(d, "node_modules", name, "package.json"))) return true;
    if (d === root) break;
  }
  return false;
}

async function testImage(app, workRoot, report) {
  const dockerfile = path.join(ROOT, app.dockerfile);
  const times = {};
  const started = Date.now();
  const image = await buildImage({ dockerfile, context: ROOT, workRoot });
  for (const t of image.timings) times[phaseOf(t.step)] = (times[phaseOf(t.step)] ?? 0) + t.ms;
  times.total = Date.now() - started;
  const appDir = path.join(image.root, "app", "apps", app.name);
  assert.equal(image.workdir, "/app");

  // Every module the bundle loads at run time is in the image, resolved from where it runs.
  const main = path.join(appDir, "dist", "main.js");
  assert.ok(existsSync(main), `${app.dockerfile}: no apps/${app.name}/dist/main.js in the image`);
  const missing = [];
  // main.js starts tracing, then loads app.js (scripts/build-service.mjs): both are checked.
  const entries = ["main.js", "app.js", app.migrations && "migrate.js"].filter(
    (e) => e && existsSync(path.join(appDir, "dist", e)),
  );
  for (const entry of entries)
    for (const spec of externalsOf(path.join(appDir, "dist", entry)))
      if (!packageFound(spec, path.join(appDir, "dist"), image.root))
        missing.push(`${entry}: ${spec}`);
  assert.deepEqual(missing, [], `${app.name}: modules the bundle needs are not in the image`);

  // Only the image's user: the files are root's; /tmp (and the declared paths) writable.
  openForImageUser(workRoot);
  openForImageUser(image.root);
  // The Dockerfile's `# writable:` paths, but /tmp (this machine's own, writable anyway).
  const writable = writablePaths(readFileSync(dockerfile, "utf8"))
    .filter((p) => p !== "/tmp")
    .map((p) => path.join(image.root, p));
  for (const dir of writable) {
    mkdirSync(dir, { recursive: true });
    if (asImageUser) chownSync(dir, UID, UID);
  }

  const port = await freePort();
  const dbName = `shop_images_${app.name.replace(/-/g, "_")}_${randomBytes(4).toString("hex")}_test`;
  const dbUrl = new URL(SERVER);
  dbUrl.pathname = `/${dbName}`;
  const keys = generateKeyPairSync("ed25519");
  const env = {
    PATH: imageEnv().PATH,
    HOME: path.join(image.root, "home", "node"), // not writable, as in the image
    ...image.env,
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: dbUrl.toString(),
    RABBITMQ_URL: brokerFor(),
    LOG_LEVEL: "warn",
    DATA_PLATFORM_URL: "",
    ...(app.name === "web"
      ? { INTERNAL_AUTH_PRIVATE_KEY: keys.privateKey.export({ type: "pkcs8", format: "pem" }) }
      : { INTERNAL_AUTH_PUBLIC_KEY: keys.publicKey.export({ type: "spki", format: "pem" }) }),
  };

  try {
    if (app.migrations) {
      const t = Date.now();
      // The command the migration Job runs, as docs/images.md gives it.
      const migrate = [
        "node",
        `apps/${app.name}/dist/migrate.js`,
        `apps/${app.name}/prisma/migrations`,
      ];
      const first = await exited(runInImage(image, migrate, env));
      assert.equal(first.code, 0, `${app.name}: the migrate command failed:\n${first.out()}`);
      const client = new pg.Client({ connectionString: dbUrl.toString() });
      await client.connect();
      const { rows } = await client.query("SELECT name FROM schema_migrations ORDER BY name");
      await client.end();
      const committed = readdirSync(path.join(ROOT, "apps", app.name, "prisma", "migrations"))
        .filter((d) => /^\d/.test(d))
        .sort();
      assert.deepEqual(
        rows.map((r) => r.name),
        committed,
        `${app.name}: migrations applied`,
      );
      const again = await exited(runInImage(image, migrate, env));
      assert.equal(again.code, 0, `${app.name}: a second migrate failed:\n${again.out()}`);
      assert.match(again.out(), /0 migrations applied/);
      times.migrate = Date.now() - t;
    }

    const t = Date.now();
    const child = runInImage(image, image.cmd, env);
    const done = exited(child);
    let exit;
    done.then((e) => (exit = e));
    const alive = () => {
      if (exit) throw new Error(`${app.name} exited (${exit.code ?? exit.signal}):\n${exit.out()}`);
    };
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(`${base}/ready`, 200, 60_000, alive);
      await waitFor(`${base}/health`, 200, 5_000, alive);
      times.start = Date.now() - t;
      if (app.name === "web") {
        // The files the standalone output does not carry: public/ and .next/static.
        assert.equal(
          (await fetch(`${base}/images/hero.svg`)).status,
          200,
          "public/ is in the image",
        );
        // A script every page loads, as the build's manifest names it (static/chunks/...).
        const manifest = JSON.parse(
          readFileSync(path.join(appDir, ".next", "build-manifest.json"), "utf8"),
        );
        const script = manifest.rootMainFiles?.[0] ?? manifest.polyfillFiles[0];
        const asset = await fetch(`${base}/_next/${script}`);
        assert.equal(asset.status, 200, ".next/static is in the image");
      }
      // The image's own HEALTHCHECK, as Docker would run it (in the container, its env).
      const health = await exited(runInImage(image, image.healthcheck.exec, env));
      assert.equal(health.code, 0, `${app.name}: the HEALTHCHECK failed:\n${health.out()}`);
      const t2 = Date.now();
      child.kill("SIGTERM");
      const stop = await Promise.race([
        done,
        new Promise((r) => setTimeout(() => r(null), DRAIN_MS)),
      ]);
      assert.ok(stop, `${app.name} did not exit within ${seconds(DRAIN_MS)} of SIGTERM`);
      assert.equal(
        stop.code,
        0,
        `${app.name} exited ${stop.code ?? stop.signal} on SIGTERM:\n${stop.out()}`,
      );
      times.stop = Date.now() - t2;
    } finally {
      if (!exit) child.kill("SIGKILL");
    }
  } finally {
    const client = new pg.Client({ connectionString: SERVER });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await client.end();
  }
  report(
    `${app.name}: ${["prune", "install", "build", "omit-dev", "migrate", "start", "stop", "total"]
      .filter((k) => times[k] !== undefined)
      .map((k) => `${k} ${seconds(times[k])}`)
      .join(", ")}`,
  );
}

test("each Dockerfile keeps the image rules, and .dockerignore excludes the installs", () => {
  const ignore = path.join(ROOT, ".dockerignore");
  const problems = dockerignoreProblems(existsSync(ignore) ? readFileSync(ignore, "utf8") : null);
  for (const app of imageApps()) {
    const file = path.join(ROOT, app.dockerfile);
    if (!existsSync(file)) problems.push(`${app.dockerfile} is missing`);
    else
      problems.push(
        ...dockerfileProblems(readFileSync(file, "utf8"), app).map(
          (p) => `${app.dockerfile}: ${p}`,
        ),
      );
  }
  assert.deepEqual(problems, []);
});

test(
  "each image, built as its Dockerfile says, migrates, starts, answers its probes and drains",
  { skip },
  async () => {
    const workBase = mkdtempSync(path.join(os.tmpdir(), "shop-images-"));
    openForImageUser(workBase);
    const started = Date.now();
    const lines = [];
    const report = (line) => {
      lines.push(line);
      console.log(`[images] ${line}`);
    };
    try {
      const queue = [...APPS];
      const failures = [];
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
          for (let app = queue.shift(); app; app = queue.shift()) {
            const workRoot = path.join(workBase, app.name);
            mkdirSync(workRoot);
            try {
              await testImage(app, workRoot, report);
            } catch (err) {
              failures.push(err.message);
              report(`${app.name}: FAILED`);
            } finally {
              if (!process.env.KEEP_IMAGE_BUILDS)
                rmSync(workRoot, { recursive: true, force: true });
            }
          }
        }),
      );
      report(`all images: ${seconds(Date.now() - started)}`);
      assert.deepEqual(failures, []);
    } finally {
      if (!process.env.KEEP_IMAGE_BUILDS) rmSync(workBase, { recursive: true, force: true });
      else console.log(`[images] kept ${workBase}`);
    }
  },
);
