// A RabbitMQ node of the chaos run's own: the run restarts its broker and cuts its connections,
// which must never reach the broker the rest of this machine uses (a running shop, another
// engineer's tests). Same server binaries, its own node name, ports and data folder; stopped and
// removed at the end. Started in about 8 s.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);
const PREFIX = "shop-chaos-rabbit-";

/** The node's name, folder and environment for the run of process `pid` on AMQP `port`. */
export function brokerSetup(pid, port, distPort, base = tmpdir()) {
  const dir = join(base, `${PREFIX}${pid}`);
  const node = `shopchaos${pid}@localhost`;
  return {
    dir,
    node,
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    env: {
      RABBITMQ_NODENAME: node,
      RABBITMQ_NODE_PORT: String(port),
      RABBITMQ_DIST_PORT: String(distPort),
      RABBITMQ_CONFIG_FILE: join(dir, "rabbitmq.conf"),
      RABBITMQ_MNESIA_BASE: join(dir, "mnesia"),
      RABBITMQ_LOG_BASE: join(dir, "log"),
      RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, "enabled_plugins"),
      RABBITMQ_PID_FILE: join(dir, "pid"),
    },
    config: `listeners.tcp.local = 127.0.0.1:${port}\n`,
  };
}

/** The pid a leftover folder names, if its process is gone. */
export function orphanPid(name, isAlive) {
  const pid = Number(name.startsWith(PREFIX) ? name.slice(PREFIX.length) : NaN);
  return Number.isInteger(pid) && pid > 0 && !isAlive(pid) ? pid : undefined;
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
};

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const ctl = (env, ...args) =>
  exec("rabbitmqctl", ["-q", ...args], { env: { ...process.env, ...env }, timeout: 60_000 });

/** Stops the nodes of earlier runs whose process died, and removes their folders. */
async function removeLeftovers() {
  for (const name of readdirSync(tmpdir())) {
    const pid = orphanPid(name, alive);
    if (pid === undefined) continue;
    await ctl({ RABBITMQ_NODENAME: `shopchaos${pid}@localhost` }, "stop").catch(() => undefined);
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** Starts the node and waits until it runs; the answer says where it is and stops it. */
export async function startChaosBroker() {
  await removeLeftovers();
  const setup = brokerSetup(process.pid, await freePort(), await freePort());
  mkdirSync(join(setup.dir, "mnesia"), { recursive: true });
  mkdirSync(join(setup.dir, "log"), { recursive: true });
  writeFileSync(setup.env.RABBITMQ_CONFIG_FILE, setup.config);
  writeFileSync(setup.env.RABBITMQ_ENABLED_PLUGINS_FILE, "[].\n");
  // As root, the server's wrapper runs as the rabbitmq user: the folder must be its.
  if (process.getuid?.() === 0) await exec("chown", ["-R", "rabbitmq:rabbitmq", setup.dir]);
  await exec("rabbitmq-server", ["-detached"], { env: { ...process.env, ...setup.env } });
  await ctl(setup.env, "wait", setup.env.RABBITMQ_PID_FILE, "--timeout", "60");
  return {
    ...setup,
    stop: async () => {
      await ctl(setup.env, "stop").catch(() => undefined);
      if (existsSync(setup.dir)) rmSync(setup.dir, { recursive: true, force: true });
    },
  };
}
