// Where a request's CPU goes, read from /proc around the load phase of bench/popular.ts.
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Db } from "../src/adapters/out/prisma/client";

export interface CpuSnapshot {
  /** µs of CPU (user + system) of the service's process, of this one, of the database's backends. */
  service: number;
  bench: number;
  postgres: Map<number, number>;
  /** The whole machine's busy and total time, in clock ticks (other work on it included). */
  busy: number;
  total: number;
}

/** Clock ticks of /proc (USER_HZ): 100 a second on Linux. */
const TICK_US = 10_000;
const procTicks = (pid: number) => {
  try {
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0; // ended, or not on this machine
  }
};

/** Who used the CPU: read before and after a load phase, to say what a request costs. */
export async function cpuSnapshot(server: ChildProcess, db: Db): Promise<CpuSnapshot> {
  const service = await new Promise<NodeJS.CpuUsage>((resolve) => {
    server.once("message", (m: { cpu: NodeJS.CpuUsage }) => resolve(m.cpu));
    server.send("cpu");
  });
  const bench = process.cpuUsage();
  const { rows } = await db.sql.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
  );
  const postgres = new Map(rows.map((r) => [r.pid, procTicks(r.pid) * TICK_US]));
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  return {
    service: service.user + service.system,
    bench: bench.user + bench.system,
    postgres,
    busy: total - cpu[3]! - cpu[4]!, // idle and iowait
    total,
  };
}

/** CPU ms a request of each process, and the machine's busy cores, between two snapshots. */
export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number) {
  let postgres = 0;
  for (const [pid, us] of after.postgres) postgres += us - (before.postgres.get(pid) ?? 0);
  const cores = readFileSync("/proc/cpuinfo", "utf8").match(/^processor/gm)?.length ?? 1;
  return {
    service: (after.service - before.service) / 1e3 / requests,
    bench: (after.bench - before.bench) / 1e3 / requests,
    postgres: postgres / 1e3 / requests,
    busyCores: ((after.busy - before.busy) / (after.total - before.total)) * cores,
    cores,
  };
}
