import { readdirSync, readFileSync } from "node:fs";
import { STACK_SERVICES, type Stack, type StackService } from "../src/test/system/stack";

/*
 * Where a checkout's CPU goes, by process group: each of the stack's services (all its
 * instances), PostgreSQL (every backend of the server, so other work on the machine counts
 * too), RabbitMQ and this benchmark (the load generator: the BFF's part). Read from
 * /proc/<pid>/stat (user + system ticks); on a system without /proc it reads nothing.
 */

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function ticksOf(pid: number): number {
  try {
    // The command name is in parentheses and may hold spaces: fields count from after it.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // gone, or no /proc
  }
}

function pidsNamed(pattern: RegExp): number[] {
  try {
    return readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .map(Number)
      .filter((pid) => {
        try {
          return pattern.test(readFileSync(`/proc/${pid}/comm`, "utf8").trim());
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}

export type CpuSnapshot = Map<string, number>;

/** CPU seconds used so far by each group. */
export function cpuSnapshot(stack: Stack): CpuSnapshot {
  const groups = new Map<string, number>();
  const sum = (pids: number[]) => pids.reduce((t, pid) => t + ticksOf(pid), 0) / TICKS_PER_SECOND;
  // On a memory stack every service answers the one host process: counted once, as the host.
  const servicesOf = new Map<number, StackService[]>();
  for (const service of STACK_SERVICES)
    for (const { process: child } of stack.instances(service))
      if (child?.pid) servicesOf.set(child.pid, [...(servicesOf.get(child.pid) ?? []), service]);
  for (const [pid, services] of servicesOf) {
    const group = services.length > 1 ? "service-host" : services[0]!;
    groups.set(group, (groups.get(group) ?? 0) + sum([pid]));
  }
  groups.set("PostgreSQL", sum(pidsNamed(/^postgres/)));
  groups.set("RabbitMQ", sum(pidsNamed(/^beam\.smp$/)));
  const own = process.cpuUsage();
  groups.set("load generator (this process)", (own.user + own.system) / 1e6);
  return groups;
}

/** Milliseconds of CPU per checkout by group between two snapshots, most first. */
export function cpuPerCheckout(before: CpuSnapshot, after: CpuSnapshot, checkouts: number) {
  return [...after]
    .map(([group, seconds]) => ({
      group,
      ms: ((seconds - (before.get(group) ?? 0)) * 1_000) / Math.max(1, checkouts),
    }))
    .sort((a, b) => b.ms - a.ms);
}
