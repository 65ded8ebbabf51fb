import type { Random } from "./prng";

/*
 * The faults of a run, decided from the seed before anything starts (a pure function, so a seed
 * always gives the same schedule; schedule.test.ts holds it to its rules):
 * - kills: every 6-14 s a random instance of a random service gets SIGKILL and is started again
 *   1-6 s later. Never both instances of one service at once: a service wholly down is what
 *   resilience-participants.int.test.ts tests (its step times out), and here the other instance
 *   must take over the killed one's unacknowledged messages, which is the competing-consumer
 *   redelivery path a crash in production takes;
 * - connection cuts: every connection of the stack's vhost closed by the broker (2-3 times);
 * - one broker restart (stop_app, 2-5 s, start_app) near the middle of the window;
 * - the bad input, once, in the first minute (every queue gets its malformed messages);
 * - duplication of ~5% of the messages, for the whole window (duplicator.ts).
 * Times are milliseconds from the start of the window.
 */

export type Fault =
  | { kind: "kill"; at: number; service: string; instance: number; downMs: number }
  | { kind: "cut"; at: number }
  | { kind: "broker-restart"; at: number; downMs: number }
  | { kind: "bad-input"; at: number };

export interface ScheduleShape {
  readonly seconds: number;
  readonly services: readonly string[];
  readonly instances: number;
}

export const DUPLICATE_RATE = 0.05;

export function faultSchedule(random: Random, shape: ScheduleShape): Fault[] {
  const windowMs = shape.seconds * 1_000;
  const faults: Fault[] = [];
  // Each service's planned down intervals, to keep one instance of it up at all times.
  // A second kill of a service waits until its last one is over, plus the restarted
  // instance's start (tsx compiles for a few seconds before /ready).
  const down = new Map<string, { from: number; to: number }[]>();
  const overlaps = (service: string, from: number, to: number) =>
    (down.get(service) ?? []).some((d) => d.from < to + 10_000 && from < d.to + 10_000);
  for (let at = random.int(6_000, 10_000); at < windowMs - 8_000; at += random.int(6_000, 14_000)) {
    const downMs = random.int(1_000, 6_000);
    const candidates = random
      .shuffle(shape.services)
      .filter((service) => !overlaps(service, at, at + downMs));
    const service = candidates[0];
    if (!service) continue;
    const instance = random.int(0, shape.instances - 1);
    down.set(service, [...(down.get(service) ?? []), { from: at, to: at + downMs }]);
    faults.push({ kind: "kill", at, service, instance, downMs });
  }
  const cuts = shape.seconds >= 120 ? 3 : 2;
  for (let i = 0; i < cuts; i += 1)
    faults.push({ kind: "cut", at: random.int(0.15 * windowMs, 0.9 * windowMs) });
  faults.push({
    kind: "broker-restart",
    at: random.int(0.4 * windowMs, 0.6 * windowMs),
    downMs: random.int(2_000, 5_000),
  });
  faults.push({ kind: "bad-input", at: random.int(3_000, Math.min(30_000, windowMs / 2)) });
  return faults.sort((a, b) => a.at - b.at);
}

/** When the last fault is over: its start, plus how long it keeps something down. */
export const faultEnd = (f: Fault) =>
  f.at + (f.kind === "kill" || f.kind === "broker-restart" ? f.downMs : 0);

export function describeFault(f: Fault): string {
  const at = `${(f.at / 1_000).toFixed(1)} s`;
  switch (f.kind) {
    case "kill":
      return `${at}: SIGKILL ${f.service}#${f.instance}, started again after ${f.downMs} ms`;
    case "cut":
      return `${at}: the broker closes every connection of the vhost`;
    case "broker-restart":
      return `${at}: RabbitMQ restarted (stop_app, ${f.downMs} ms, start_app)`;
    case "bad-input":
      return `${at}: malformed, unknown-type, wrong-version and oversized messages to every queue`;
  }
}
