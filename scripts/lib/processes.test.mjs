// node --test: the supervisor (processes.mjs) with real processes. Each test runs a small
// supervisor in a process of its own (in a temporary directory, for its .shop/ PID file),
// crashes what it started, and reads what it logged, wrote and left running.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

const dir = mkdtempSync(join(tmpdir(), "supervisor-test-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const SUPERVISOR = join(dir, "supervisor.mjs");
writeFileSync(
  SUPERVISOR,
  `import { start, stopAll, stopLast, whenAProcessDies, writePidFile } from ${JSON.stringify(
    new URL("./processes.mjs", import.meta.url).href,
  )};
const [mode] = process.argv.slice(2);
if (mode === "handler") whenAProcessDies((name, how) => console.log(\`handler: \${name} \${how}\`));
// Stands for the embedded PostgreSQL: stopped after the processes, however they are stopped.
stopLast(async () => console.log("last step"));
process.on("SIGTERM", async () => {
  await stopAll();
  console.log("stopped");
  process.exit(0);
});
// Stays up until stopped; the crashing one ends at once, every time.
start("sleeper", process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
if (mode === "crashing") start("crasher", process.execPath, ["-e", "process.exit(3)"]);
writePidFile("test-pids.json");
console.log("ready");
`,
);

/** Starts a supervisor; `lines` holds what it printed so far (stdout and stderr). */
function supervisor(mode = "") {
  const child = spawn(process.execPath, [SUPERVISOR, mode], { cwd: dir });
  const lines = [];
  const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  for (const stream of [child.stdout, child.stderr])
    stream.on("data", (c) => lines.push(...c.toString().split("\n").filter(Boolean)));
  return { child, lines, exited };
}

const pidFile = () => JSON.parse(readFileSync(join(dir, ".shop/test-pids.json"), "utf8"));
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, check, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = check();
    if (value) return value;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("a killed process is started again, said in one line, and the PID file names the new one", async (t) => {
  const s = supervisor();
  t.after(() => s.child.kill("SIGKILL"));
  await until("the supervisor to start", () => s.lines.includes("ready"));
  const first = pidFile().sleeper;
  process.kill(first, "SIGKILL");

  const second = await until("a new sleeper in the PID file", () => {
    const pid = pidFile().sleeper;
    return pid !== first && pid;
  });
  assert.ok(alive(second));
  const said = s.lines.filter((l) => l.startsWith("[shop]"));
  assert.equal(said.length, 1, said.join("\n"));
  assert.match(
    said[0],
    /^\[shop\] sleeper ended \(signal SIGKILL\) after [\d.]+ s; restarting it in 0\.5 s/,
  );

  // A second crash soon after waits twice as long.
  const killedAt = Date.now();
  process.kill(second, "SIGKILL");
  const third = await until("a third sleeper", () => {
    const pid = pidFile().sleeper;
    return pid !== second && pid;
  });
  assert.ok(Date.now() - killedAt >= 900, "restarted before its 1 s backoff");
  assert.match(s.lines.filter((l) => l.startsWith("[shop]"))[1], /restarting it in 1 s/);

  // Stopping: the sleeper ends (by SIGTERM) and is not started again.
  s.child.kill("SIGTERM");
  assert.equal(await s.exited, 0);
  assert.ok(!alive(third), "the sleeper outlived the supervisor");
  assert.equal(pidFile().sleeper, third, "a sleeper was started while stopping");
  assert.equal(s.lines.filter((l) => l.startsWith("[shop]")).length, 2);
});

test("stopping cancels a restart that is waiting for its backoff", async (t) => {
  const s = supervisor();
  t.after(() => s.child.kill("SIGKILL"));
  await until("the supervisor to start", () => s.lines.includes("ready"));
  const first = pidFile().sleeper;
  process.kill(first, "SIGKILL");
  await until("the restart to be scheduled", () => s.lines.some((l) => /restarting it/.test(l)));
  s.child.kill("SIGTERM"); // within the 0.5 s before the restart
  assert.equal(await s.exited, 0);
  assert.ok(s.lines.includes("stopped"));
  // Nothing was started after the crash: the PID file still names the killed process.
  assert.equal(pidFile().sleeper, first);
});

test("a process that keeps crashing stops the shop after 5 crashes, saying why", async (t) => {
  const s = supervisor("crashing");
  t.after(() => s.child.kill("SIGKILL"));
  // 0.5 + 1 + 2 + 4 s of backoff between the five crashes.
  const timer = setTimeout(() => s.child.kill("SIGKILL"), 20_000); // then the code is null
  const code = await s.exited;
  clearTimeout(timer);
  assert.equal(code, 1);
  const said = s.lines.filter((l) => l.startsWith("[shop]"));
  assert.equal(said.length, 5, said.join("\n"));
  assert.deepEqual(
    said.slice(0, 4).map((l) => l.match(/restarting it in ([\d.]+) s/)?.[1]),
    ["0.5", "1", "2", "4"],
  );
  assert.match(
    said[4],
    /^\[shop\] crasher ended \(exit code 3\) after [\d.]+ s: 5 crashes within 60 s, stopping the shop\.$/,
  );
  // The healthy process was stopped with it, and then the last step ran.
  assert.ok(!alive(pidFile().sleeper), "the sleeper outlived the supervisor");
  assert.ok(s.lines.includes("last step"), s.lines.join("\n"));
});

test("with a whenAProcessDies handler, the handler is told and nothing is restarted", async (t) => {
  const s = supervisor("handler");
  t.after(() => s.child.kill("SIGKILL"));
  await until("the supervisor to start", () => s.lines.includes("ready"));
  const first = pidFile().sleeper;
  process.kill(first, "SIGKILL");
  await until("the handler", () => s.lines.includes("handler: sleeper signal SIGKILL"));
  await sleep(1_000); // past the first backoff
  assert.equal(pidFile().sleeper, first);
  assert.ok(!s.lines.some((l) => l.startsWith("[shop]")));
  s.child.kill("SIGTERM");
  assert.equal(await s.exited, 0);
});
