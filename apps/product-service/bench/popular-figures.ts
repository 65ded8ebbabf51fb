/* eslint-disable no-console -- a command-line tool: its terminal is its interface */
// The bench's arithmetic on timings, and its phases as it prints them.

export const pct = (sorted: Float64Array | number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
export const median = (values: number[]) =>
  pct(
    [...values].sort((a, b) => a - b),
    50,
  );
export const ms = (n: number) => (n < 10 ? `${n.toFixed(2)} ms` : `${n.toFixed(0)} ms`);
export const int = (n: number) => Math.round(n).toLocaleString("en-US");

/** Runs one phase of the bench, failing it past `seconds`; prints how long it took. */
export async function phase<T>(name: string, seconds: number, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: not done in ${seconds} s`)), seconds * 1e3);
  });
  try {
    const value = await Promise.race([run(), timeout]);
    console.log(`  ${name}: ${((performance.now() - started) / 1e3).toFixed(1)} s`);
    return value;
  } finally {
    clearTimeout(timer);
  }
}

/** Median ms of `runs` calls of `query` after one warm-up call. */
export async function timed(runs: number, query: () => Promise<unknown>): Promise<number> {
  await query();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await query();
    times.push(performance.now() - started);
  }
  return median(times);
}
