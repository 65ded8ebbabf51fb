/*
 * The in-memory stand-in for a database's transactions, for the memory adapters the use-case
 * tests run on: transactions run one at a time in the order they were asked for (a memory
 * store's lock), and one that throws leaves the state as it found it (its rollback).
 */

/**
 * What a memory store keeps its state in: Maps, Sets, arrays and plain objects of them, each
 * restored in place, so references to it stay valid.
 */
export type MemoryState = object;

export class MemoryTransactions {
  private queue: Promise<unknown> = Promise.resolve();

  /** `state`: every container a transaction may change, read when each transaction begins. */
  constructor(private readonly state: () => readonly MemoryState[]) {}

  /** Runs `work` after every earlier transaction ended; undoes what it changed if it throws. */
  run<T>(work: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const containers = this.state();
      const before = containers.map((c) => structuredClone(c));
      try {
        return await work();
      } catch (e) {
        containers.forEach((c, i) => restore(c, before[i]!));
        throw e;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function restore(target: MemoryState, from: MemoryState) {
  if (target instanceof Map) {
    target.clear();
    for (const [k, v] of from as Map<unknown, unknown>) target.set(k, v);
  } else if (target instanceof Set) {
    target.clear();
    for (const v of from as Set<unknown>) target.add(v);
  } else if (Array.isArray(target)) {
    target.splice(0, target.length, ...(from as unknown[]));
  } else {
    // A plain object: its own fields are put back, so references to the object stay valid.
    const fields = target as Record<string, unknown>;
    for (const key of Object.keys(fields)) delete fields[key];
    Object.assign(fields, from);
  }
}
