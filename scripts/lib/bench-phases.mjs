// `npm run bench`'s phases: each bounded by its own limit and by what is left of the run's
// budget, announced with a line when it starts and ends, and in between a line of progress (its
// elapsed time and the last line its command wrote): in place on a terminal, every 30 s in a log.
import { spawn } from "node:child_process";
import { appendFileSync, closeSync, openSync, readSync, statSync } from "node:fs";

const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;

/** The last non-empty line of a log file (read from its last 4 KB), for a progress line. */
function lastLine(file) {
  try {
    const size = statSync(file).size;
    const buf = Buffer.alloc(Math.min(size, 4096));
    const fd = openSync(file, "r");
    readSync(fd, buf, 0, buf.length, size - buf.length);
    closeSync(fd);
    return (
      buf
        .toString("utf8")
        .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "") // colours and cursor moves
        .split(/[\r\n]/)
        .map((l) => l.trim())
        .filter(Boolean)
        .at(-1) ?? ""
    );
  } catch {
    return "";
  }
}

export function phaseRunner({ budgetSeconds, logFile }) {
  const runStart = Date.now();
  const deadline = runStart + budgetSeconds * 1000;
  /** Commands started by exec() and still running: stopped on a timeout or by stopCommands(). */
  const commands = new Set();
  const results = [];
  let interrupted = false;
  /** The running phase's controller: a timeout or Ctrl-C aborts it. */
  let current;

  /** Stops a command's whole process group: SIGTERM (it cleans up), SIGKILL after `graceMs`. */
  async function stop(child, graceMs = 15_000) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    const until = Date.now() + graceMs;
    while (commands.has(child) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  }

  /**
   * Runs a command to completion in its own process group, its output appended to the run's log;
   * stopped when `signal` aborts. `onStart(child)` sees it start. Rejects on a non-zero exit.
   */
  function exec(cmd, args, { env, signal, onStart } = {}) {
    return new Promise((resolve, reject) => {
      const fd = openSync(logFile, "a");
      const child = spawn(cmd, args, {
        stdio: ["ignore", fd, fd],
        env: { ...process.env, ...env },
        detached: true,
      });
      closeSync(fd);
      commands.add(child);
      onStart?.(child);
      const onAbort = () => void stop(child);
      signal?.addEventListener("abort", onAbort, { once: true });
      child.once("error", reject);
      child.once("exit", (code, sig) => {
        commands.delete(child);
        signal?.removeEventListener("abort", onAbort);
        code === 0
          ? resolve()
          : reject(new Error(`${cmd} ${args.join(" ")}: ${sig ?? `exit ${code}`} (see the log)`));
      });
    });
  }

  /**
   * Runs `work({ signal, exec })` as the phase `name`, failing it after `limitSeconds` or when the
   * run's budget is spent, whichever comes first. Never throws: resolves with
   * `{ ok: true, value }` or `{ ok: false, reason }`, and the run goes on with the next phase.
   */
  async function phase(name, limitSeconds, work) {
    const left = Math.floor((deadline - Date.now()) / 1000);
    if (interrupted) {
      results.push({ name, seconds: 0, ok: false, reason: "interrupted" });
      return { ok: false, reason: "interrupted" };
    }
    if (left < 5) {
      results.push({ name, seconds: 0, ok: false, reason: "the run's budget was spent" });
      console.log(`- ${name}: skipped, the run's budget (${budgetSeconds} s) is spent`);
      return { ok: false, reason: "the run's budget was spent" };
    }
    const limit = Math.min(limitSeconds, left);
    const started = Date.now();
    const controller = new AbortController();
    current = controller;
    const tty = process.stdout.isTTY;
    console.log(`▶ ${name} (at most ${limit} s; ${seconds(started - runStart)} into the run)`);
    // In the log too: it says whose output follows, and the progress line starts from it.
    appendFileSync(logFile, `[bench] ▶ ${name}\n`);
    let lastPrinted = started;
    const ticker = setInterval(() => {
      const line = `  … ${name} ${seconds(Date.now() - started)} / ${limit} s  ${lastLine(logFile).slice(0, 90)}`;
      if (tty) process.stdout.write(`\r\x1b[K${line}`);
      else if (Date.now() - lastPrinted >= 30_000) {
        lastPrinted = Date.now();
        console.log(line);
      }
    }, 1000);
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () => controller.abort(new Error(`not done within ${limit} s`)),
        limit * 1000,
      );
      controller.signal.addEventListener("abort", () => reject(controller.signal.reason), {
        once: true,
      });
    });
    let outcome;
    try {
      const signal = controller.signal;
      const value = await Promise.race([
        work({ signal, exec: (c, a, o) => exec(c, a, { ...o, signal }) }),
        timeout,
      ]);
      outcome = { ok: true, value };
    } catch (err) {
      controller.abort(err); // whatever the phase started stops with it
      outcome = { ok: false, reason: interrupted ? "interrupted" : err.message };
    } finally {
      current = undefined;
      clearTimeout(timer);
      clearInterval(ticker);
      if (tty) process.stdout.write("\r\x1b[K");
    }
    const took = (Date.now() - started) / 1000;
    results.push({ name, seconds: Number(took.toFixed(1)), ...outcome, value: undefined });
    console.log(
      outcome.ok
        ? `✓ ${name}: ${took.toFixed(1)} s`
        : `✗ ${name}: ${outcome.reason} (${took.toFixed(1)} s)`,
    );
    return outcome;
  }

  return {
    phase,
    results,
    elapsedSeconds: () => (Date.now() - runStart) / 1000,
    /** Ctrl-C: no new phase starts, and every command still running is stopped. */
    async interrupt() {
      interrupted = true;
      current?.abort(new Error("interrupted"));
      await Promise.all([...commands].map((c) => stop(c)));
    },
  };
}
