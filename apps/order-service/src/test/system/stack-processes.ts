import { spawn, type ChildProcess } from "node:child_process";
import { REPO } from "./stack-env";

/*
 * A stack's processes: each slot runs `node --import tsx src/main.ts` in its app's folder (a
 * service's, or apps/service-host for a memory stack), its output recorded line by line with
 * the slot's name; a start is awaited on /ready, a stop on the process's exit.
 */

/** Preloaded into each child: it ends itself when the process that spawned it is gone. */
const PARENT_WATCH = new URL("./parent-watch.ts", import.meta.url).href;
/** Preloaded into each child after tsx: @shop/service-kit's tracing start (tracing-preload.ts). */
const TRACING_PRELOAD = `${REPO}packages/service-kit/src/tracing-preload.ts`;

/** One process of the stack, as the stack keeps it: its live process, that process's exit. */
export interface Slot {
  /** In its output and errors: "payment-service#1", "service-host#0". */
  readonly name: string;
  /** Its folder under apps/. */
  readonly app: string;
  /** Where its /ready answers: one URL, or each service's that a host runs. */
  readonly readyUrls: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  process: ChildProcess | undefined;
  exited: Promise<void>;
}

/** A stopped slot of `app`, instance `index`. */
export const newSlot = (
  app: string,
  index: number,
  readyUrls: readonly string[],
  env: NodeJS.ProcessEnv,
): Slot => ({
  name: `${app}#${index}`,
  app,
  readyUrls,
  env,
  process: undefined,
  exited: Promise.resolve(),
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the slot's process (its env plus `env`), its output going to `record`. */
export function spawnSlot(
  slot: Slot,
  nodeArgs: readonly string[],
  record: (text: string) => void,
  env: Record<string, string> = {},
) {
  const { name } = slot;
  // The tracing preload starts OpenTelemetry first when the OTEL_* variables ask for it (the
  // checkout benchmark's BENCH_TRACING); otherwise it does nothing.
  const args = [
    ...nodeArgs,
    ...["--import", "tsx", "--import", PARENT_WATCH, "--import", TRACING_PRELOAD],
    "src/main.ts",
  ];
  const child = spawn(process.execPath, args, {
    cwd: `${REPO}apps/${slot.app}`,
    env: { ...slot.env, ...env, SYSTEM_STACK_PARENT_PID: String(process.pid) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  slot.process = child;
  record(`[${name}] started, pid ${child.pid}\n`);
  for (const stream of [child.stdout, child.stderr]) {
    let partial = "";
    stream.setEncoding("utf8");
    stream.on("data", (data: string) => {
      const lines = (partial + data).split("\n");
      partial = lines.pop() ?? "";
      if (lines.length) record(lines.map((l) => `[${name}] ${l}\n`).join(""));
    });
    stream.on("end", () => partial && record(`[${name}] ${partial}\n`));
  }
  slot.exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      record(`[${name}] exited (${signal ?? `code ${code}`})\n`);
      if (slot.process === child) slot.process = undefined;
      resolve();
    });
  });
}

/** Polls each of the slot's /ready until it answers 2xx; fails if its process exits or after `timeoutMs`. */
export async function waitReady(slot: Slot, timeoutMs: number) {
  const started = Date.now();
  const child = slot.process;
  for (const url of slot.readyUrls)
    for (;;) {
      if (!child || slot.process !== child || child.exitCode !== null || child.signalCode !== null)
        throw new Error(`${slot.name} exited before it was ready`);
      try {
        const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) });
        await response.arrayBuffer();
        if (response.ok) break;
      } catch {
        // Not listening yet.
      }
      if (Date.now() - started > timeoutMs)
        throw new Error(`${slot.name} not ready at ${url} after ${timeoutMs} ms`);
      await delay(100);
    }
}

/**
 * Sends `signal` to the slot's process and waits for it to exit (SIGTERM: SIGKILL after 15 s).
 * SIGSTOP and SIGCONT only pause and resume it, without waiting.
 */
export async function killSlot(slot: Slot, signal: NodeJS.Signals = "SIGTERM") {
  const child = slot.process;
  if (!child) return;
  if (signal === "SIGSTOP" || signal === "SIGCONT") {
    child.kill(signal);
    return;
  }
  const exited = slot.exited;
  child.kill("SIGCONT"); // a paused process would not handle the signal
  child.kill(signal);
  if (signal !== "SIGKILL") {
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  } else await exited;
}
