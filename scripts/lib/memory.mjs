// Resident memory of the shop's processes, read from /proc (Linux). A process's resident set
// (VmRSS) is what it holds in RAM now; a Node process that forks (npm, a tsx loader) is counted
// with its descendants, so each named part of the shop is one figure however it is started.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** Every process's parent, from /proc/<pid>/stat (the field after the command's parenthesis). */
function parents() {
  const map = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      map.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {} // ended meanwhile
  }
  return map;
}

/** `pid` and every process below it. */
export function treeOf(pid, parentOf = parents()) {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++)
    for (const [child, parent] of parentOf) if (parent === tree[i]) tree.push(child);
  return tree.filter((p) => parentOf.has(p));
}

/** Resident set of one process in bytes (0 when it has ended). */
export function rssOf(pid) {
  try {
    const kb = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Proportional set size of `pid` and its descendants in bytes: each shared page split among the
 * processes sharing it. PostgreSQL's backends share its buffers and binary, so their resident
 * sizes added up would count those once per backend.
 */
export function proportionalSizeOf(pid) {
  return treeOf(pid).reduce((sum, p) => {
    try {
      const kb = readFileSync(`/proc/${p}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
      return sum + (kb ? Number(kb[1]) * 1024 : 0);
    } catch {
      return sum; // ended meanwhile
    }
  }, 0);
}

/** Resident bytes of each named process with its descendants: `{ name: pid }` -> `{ name: bytes }`. */
export function residentSizes(pidsByName) {
  const parentOf = parents();
  return Object.fromEntries(
    Object.entries(pidsByName).map(([name, pid]) => [
      name,
      treeOf(pid, parentOf).reduce((sum, p) => sum + rssOf(p), 0),
    ]),
  );
}

/** The folder a process runs in, to tell apart the same command in different apps. */
const cwdOf = (pid) => {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return "";
  }
};

const commandOf = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
};

/**
 * Samples the resident size of every `node` process below `rootPid`, grouped by the app folder
 * it runs in (apps/<name>; its src/main.ts or dist/main.js): a benchmark's own stack of services, started by a command this
 * script does not control. Call sample() while it runs; `peak` holds each group's largest sum,
 * `last` the sum at the last sample that found the group, with how many processes it had, and
 * `peakTotal` the largest sum of all groups in one sample.
 */
export function stackSampler(rootPid) {
  const peak = {};
  const last = {};
  let peakTotal = 0;
  return {
    peak,
    last,
    /** The most every service process held at once, in one sample. */
    get peakTotal() {
      return peakTotal;
    },
    sample() {
      const parentOf = parents();
      const sums = {};
      for (const pid of treeOf(rootPid, parentOf)) {
        const app = cwdOf(pid).match(/\/apps\/([^/]+)$/)?.[1];
        if (!app) continue;
        // A service's own process, not the npm, tsx or benchmark process in the same folder.
        if (!/\b(src|dist)\/main\.[jt]s\b/.test(commandOf(pid))) continue;
        sums[app] ??= { bytes: 0, processes: 0 };
        sums[app].bytes += rssOf(pid);
        sums[app].processes += 1;
      }
      for (const [app, s] of Object.entries(sums)) {
        // Not a sample taken while the stack stops, with some instances gone already.
        if (s.processes >= (last[app]?.processes ?? 0)) last[app] = s;
        if (s.bytes > (peak[app]?.bytes ?? 0)) peak[app] = s;
      }
      peakTotal = Math.max(
        peakTotal,
        Object.values(sums).reduce((t, s) => t + s.bytes, 0),
      );
    },
  };
}
