// Runs commands for the start and test scripts, and stops what they started. A long-running
// process (start()) that ends by itself is started again after a backoff, and the shop is
// stopped only when one crashes again and again (restart-policy.mjs says when).
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, openSync, renameSync, writeFileSync } from "node:fs";
import { afterCrash, crashLine, exitReason, noCrashes } from "./restart-policy.mjs";

const children = new Set();
/** Commands run to completion (builds, migrations) that are still running. */
const steps = new Set();
/** Restarts waiting for their backoff to pass: stopAll() cancels them. */
const pendingRestarts = new Set();
const pids = {};
/** The file writePidFile() last wrote: written again whenever a process is restarted. */
let pidFile;
/** Where commands and started processes write: this terminal, or a log file (outputTo). */
let output;
/** Set by stopAll(): from then on an ending process is expected, never restarted. */
let stopping = false;
/** Set by whenAProcessDies(); unset, a process that ends by itself is restarted. */
let onUnexpectedExit;
/** The supervisor's own lines (a restart, giving up), where the processes' output goes. */
const log = (line) => (output?.stream ?? process.stderr).write(`[shop] ${line}\n`);

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

/**
 * Records the started processes' PIDs in .shop/<file> (the browser tests pause and kill
 * services to test outages), and again after every restart, so it always names the live ones.
 */
export function writePidFile(file) {
  pidFile = file;
  mkdirSync(".shop", { recursive: true });
  // Written aside, then renamed over: a reader never sees half a file.
  writeFileSync(`.shop/${file}.tmp`, JSON.stringify(pids, null, 2));
  renameSync(`.shop/${file}.tmp`, `.shop/${file}`);
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

/**
 * Starts a long-running process with prefixed output; it is stopped by stopAll(). If it ends
 * by itself it is started again, the same way, after a backoff (one log line says why and
 * when); after too many crashes in a short time the whole shop is stopped and this process
 * exits 1. A handler given to whenAProcessDies() is called instead of restarting.
 */
export function start(name, cmd, args, opts = {}) {
  let history = noCrashes();
  const launch = () => {
    const startedAt = Date.now();
    const child = spawn(cmd, args, {
      ...opts,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    children.add(child);
    pids[name] = child.pid;
    if (pidFile && history.crashTimes.length > 0) writePidFile(pidFile);
    const prefix = (chunk) =>
      chunk
        .toString()
        .split("\n")
        .filter(Boolean)
        .map((line) => `[${name}] ${line}\n`)
        .join("");
    child.stdout.on("data", (c) => (output?.stream ?? process.stdout).write(prefix(c)));
    child.stderr.on("data", (c) => (output?.stream ?? process.stderr).write(prefix(c)));

    let ended = false;
    const end = (how) => {
      if (ended) return;
      ended = true;
      children.delete(child);
      if (stopping) return;
      if (onUnexpectedExit) return onUnexpectedExit(name, how);
      // Whatever it started in its group goes with it (it could hold the port the next needs).
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
      const times = { startedAt, at: Date.now() };
      const decision = afterCrash(history, times);
      history = decision.history;
      log(crashLine(name, how, times, decision));
      if (decision.giveUp) return void stopAll().then(() => process.exit(1));
      const timer = setTimeout(() => {
        pendingRestarts.delete(timer);
        if (!stopping) launch();
      }, decision.restartInMs);
      pendingRestarts.add(timer);
    };
    child.once("exit", (code, signal) => end(exitReason(code, signal)));
    // Only a process that could not be started at all ends with "error" (no exit follows).
    child.once("error", (err) => {
      if (child.pid === undefined) end(`could not start: ${err.message}`);
    });
    return child;
  };
  return launch();
}

/**
 * Instead of restarting a started process that ends before stopAll(), calls
 * `handler(name, how)` (how: "signal SIGKILL", "exit code 1") and leaves the rest running.
 * `npm run bench` does: a figure measured across a crash and a restart would be wrong, so it
 * marks the shop's remaining figures as not measured instead.
 */
export function whenAProcessDies(handler) {
  onUnexpectedExit = handler;
}

/** What stopAll() runs once the processes are gone, newest first. */
const lastSteps = [];

/**
 * Has stopAll() run `fn` after every process is gone, whoever stops them (Ctrl-C, an error,
 * the supervisor giving up): the embedded PostgreSQL, which the services need to the end.
 */
export function stopLast(fn) {
  lastSteps.unshift(fn);
}

/**
 * SIGTERM to every started process group, then SIGKILL to whatever is left after 10 s; then
 * the stopLast() steps.
 */
export async function stopAll() {
  stopping = true;
  for (const timer of pendingRestarts) clearTimeout(timer);
  pendingRestarts.clear();
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
  for (const fn of lastSteps.splice(0)) await fn().catch((err) => log(`${err.message}`));
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
