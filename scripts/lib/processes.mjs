// Runs commands for the start and test scripts, and stops what they started.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, openSync, writeFileSync } from "node:fs";

const children = new Set();
/** Commands run to completion (builds, migrations) that are still running. */
const steps = new Set();
const pids = {};
/** Where commands and started processes write: this terminal, or a log file (outputTo). */
let output;

/**
 * Sends the output of every command and process started from now on to `file` instead of the
 * terminal: `npm run bench` keeps its screen for its progress lines and the table.
 */
export function outputTo(file) {
  const fd = openSync(file, "a");
  output = { fd, stream: createWriteStream("", { fd, autoClose: false }) };
}

/** The PID of each process start() started, by name. */
export const startedPids = () => ({ ...pids });

/** Records the started processes' PIDs (the browser tests pause a service to test outages). */
export function writePidFile(file) {
  mkdirSync(".shop", { recursive: true });
  writeFileSync(`.shop/${file}`, JSON.stringify(pids, null, 2));
}

/** Runs a command to completion, streaming its output; rejects on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    // Its own process group, so stopping the shop mid-build stops the build's children too.
    const child = spawn(cmd, args, {
      stdio: output ? ["ignore", output.fd, output.fd] : "inherit",
      ...opts,
      env: { ...process.env, ...opts.env },
      detached: true,
    });
    steps.add(child);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      steps.delete(child);
      code === 0
        ? resolve()
        : reject(new Error(`${cmd} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/** Starts a long-running process with prefixed output; it is stopped by stopAll(). */
export function start(name, cmd, args, opts = {}) {
  const child = spawn(cmd, args, {
    ...opts,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.add(child);
  pids[name] = child.pid;
  const prefix = (chunk) =>
    chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((line) => `[${name}] ${line}\n`)
      .join("");
  child.stdout.on("data", (c) => (output?.stream ?? process.stdout).write(prefix(c)));
  child.stderr.on("data", (c) => (output?.stream ?? process.stderr).write(prefix(c)));
  child.once("exit", (code, signal) => {
    children.delete(child);
    if (!stopping) onUnexpectedExit(name, signal ?? `code ${code}`);
  });
  return child;
}

let stopping = false;
let onUnexpectedExit = (name, how) => {
  console.error(`${name} exited (${how}); stopping the shop.`);
  stopAll().then(() => process.exit(1));
};

/** What to do when a started process ends before stopAll() (default: stop all and exit 1). */
export function whenAProcessDies(handler) {
  onUnexpectedExit = handler;
}

/** SIGTERM to every started process group, then SIGKILL to whatever is left after 10 s. */
export async function stopAll() {
  stopping = true;
  const running = [...children, ...steps];
  for (const c of running) {
    try {
      process.kill(-c.pid, "SIGTERM");
    } catch {}
  }
  const deadline = Date.now() + 10_000;
  while (children.size + steps.size > 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  for (const c of [...children, ...steps]) {
    try {
      process.kill(-c.pid, "SIGKILL");
    } catch {}
  }
}

/** Polls a URL until it answers 2xx, or fails after `timeoutMs`. */
export async function waitForHttp(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
