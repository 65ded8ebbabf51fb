import type { RabbitTransport } from "@shop/messaging";
import type { Stack, StackService } from "../src/test/system/stack";
import { injectBadInput, type BadMessage } from "./bad-input";
import { cutConnections, dlqOf, queueStatsIfAny, restartBroker, SHOP_QUEUES } from "./broker";
import { describeFault, type Fault } from "./schedule";

/*
 * Plays a fault schedule (schedule.ts) on a running stack, each fault at its time from the start
 * of the window; kills, the restart and the bad input run alongside the next faults. What
 * happened is recorded: when each fault was over (the last one starts the 60 s within which
 * every order must be terminal), what was skipped and why, and what failed.
 */

export interface FaultRecord {
  readonly lines: string[];
  /** Wall-clock ms when the last fault was over (its instance ready again, the broker up). */
  lastFaultEnd: number;
  bad: BadMessage[];
  /** The shop's queues and dead-letter queues found after the broker's restart. */
  queuesAfterRestart: { found: number; of: number } | undefined;
  kills: number;
  /** Killed instances that did not come back, and faults that failed to be applied. */
  readonly failures: string[];
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a killed instance again; a start that fails (the broker down meanwhile) is retried. */
async function startAgain(stack: Stack, service: StackService, index: number) {
  let last: unknown;
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    try {
      await stack.start(service, index);
      return;
    } catch (err) {
      last = err;
      await delay(2_000);
    }
  }
  throw last;
}

/** Retries `work` for at most `ms` (a cut or a restart may be under way). */
async function within<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await work();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await delay(500);
    }
  }
}

export async function playFaults(
  stack: Stack,
  transport: RabbitTransport,
  schedule: readonly Fault[],
  startedAt: number,
  say: (line: string) => void,
): Promise<FaultRecord> {
  const record: FaultRecord = {
    lines: [],
    lastFaultEnd: startedAt,
    bad: [],
    queuesAfterRestart: undefined,
    kills: 0,
    failures: [],
  };
  const note = (line: string) => {
    const stamped = `+${((Date.now() - startedAt) / 1_000).toFixed(1)} s ${line}`;
    record.lines.push(stamped);
    say(stamped);
  };
  const over = () => (record.lastFaultEnd = Math.max(record.lastFaultEnd, Date.now()));
  const vhost = stack.vhost!;
  const running: Promise<void>[] = [];
  /** Killed instances not ready again yet. */
  const starting = new Set<string>();

  const kill = async (f: Extract<Fault, { kind: "kill" }>) => {
    const service = f.service as StackService;
    const instances = stack.instances(service);
    // The sibling must be serving, not only spawned: one still starting (tsx compiles for
    // seconds on two cores) would leave the service with no instance at all.
    const serving = (i: (typeof instances)[number]) =>
      i.process !== undefined && !starting.has(`${service}#${i.index}`);
    if (
      !serving(instances[f.instance]!) ||
      !instances.some((i) => i.index !== f.instance && serving(i))
    ) {
      note(`skipped: ${service}#${f.instance} (it or its sibling is not running)`);
      return;
    }
    await stack.kill(service, f.instance, "SIGKILL");
    record.kills += 1;
    starting.add(`${service}#${f.instance}`);
    await delay(f.downMs);
    try {
      await startAgain(stack, service, f.instance);
      note(`${service}#${f.instance} ready again`);
    } catch (err) {
      record.failures.push(
        `${service}#${f.instance} did not start again: ${(err as Error).message}`,
      );
    } finally {
      starting.delete(`${service}#${f.instance}`);
    }
    over();
  };

  const restart = async (f: Extract<Fault, { kind: "broker-restart" }>) => {
    await restartBroker(f.downMs);
    note("RabbitMQ started again");
    // Durable quorum queues come back with the broker: each queue and its dead-letter queue.
    const names = SHOP_QUEUES.flatMap((q) => [q.name, dlqOf(q.name)]);
    const found = await within(60_000, async () => {
      const stats = await Promise.all(names.map((q) => queueStatsIfAny(transport, q)));
      if (!transport.connected) throw new Error("the chaos connection is not back yet");
      return stats.filter(Boolean).length;
    });
    record.queuesAfterRestart = { found, of: names.length };
    over();
  };

  const bad = async () => {
    record.bad = await within(60_000, () => injectBadInput(transport));
    note(`${record.bad.length} bad messages published (${SHOP_QUEUES.length} queues)`);
    over();
  };

  for (const f of schedule) {
    const wait = startedAt + f.at - Date.now();
    if (wait > 0) await delay(wait);
    note(describeFault(f));
    const failed = (err: unknown) => {
      record.failures.push(`${describeFault(f)}: ${(err as Error).message}`);
    };
    switch (f.kind) {
      case "kill":
        running.push(kill(f).catch(failed));
        break;
      case "cut":
        // A cut while the broker is stopped has nothing to cut: said, not failed.
        await cutConnections(vhost).then(over, (err: Error) =>
          note(`cut skipped: ${err.message.split("\n")[0]}`),
        );
        break;
      case "broker-restart":
        running.push(restart(f).catch(failed));
        break;
      case "bad-input":
        running.push(bad().catch(failed));
        break;
    }
  }
  await Promise.all(running);
  return record;
}
