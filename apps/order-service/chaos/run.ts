/* eslint-disable no-console, no-restricted-properties -- a command-line tool: its terminal and its environment are its interface */
// `npm run chaos` (through scripts/chaos.mjs, which starts a RabbitMQ node of the run's own):
// checkouts on the distributed stack (two processes of each service, src/test/system/stack.ts)
// while instances are SIGKILLed and restarted, connections cut, the broker restarted once, ~5 %
// of the messages duplicated and bad input sent to every queue, while shoppers cancel and admins
// refund some of the orders (after-sale.ts); then the invariants, as a table.
// Exit 1 on any violation, with the seed that replays the run. Options: options.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import { createLogger } from "@shop/service-kit/logger";
import { startStack, STACK_SERVICES } from "../src/test/system/stack";
import { afterSaleDriver, planAfterSale } from "./after-sale";
import { chaosConnection, queueStatsIfAny, SHOP_QUEUES } from "./broker";
import { collectDeadLetters } from "./dead-letters";
import { startDuplicator } from "./duplicator";
import { playFaults } from "./faults";
import {
  couponChecks,
  moneyChecks,
  openOrders,
  outcomes,
  pendingReturns,
  returnChecks,
  stockChecks,
  table,
  unsentOutbox,
  type Check,
} from "./invariants";
import { parseOptions, replayCommand, UsageError } from "./options";
import { seededRandom } from "./prng";
import { DUPLICATE_RATE, describeFault, faultEnd, faultSchedule } from "./schedule";
import { buildWorld, planCheckouts, runCheckouts } from "./world";

let options;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(err.message);
  process.exit(2);
}
const replay = replayCommand(options);
if (!process.env.CHAOS_RABBITMQ_NODE) {
  console.error(
    "chaos: run it with `npm run chaos`, which starts a RabbitMQ node of its own (the run restarts its broker)",
  );
  process.exit(2);
}
const began = Date.now();
const say = (line: string) => console.log(`[chaos] ${line}`);
say(`seed ${options.seed} (replay: ${replay})`);
say(
  `${options.profile}: ${options.checkouts} checkouts by ${options.shoppers} shoppers, faults for ${options.seconds} s`,
);
const random = seededRandom(options.seed);
const schedule = faultSchedule(random.fork("faults"), {
  seconds: options.seconds,
  services: STACK_SERVICES,
  instances: 2,
});
const plan = planCheckouts(random.fork("checkouts"), options);
const afterSalePlan = planAfterSale(random.fork("after-sale"), plan);
const afterSaleOf = new Map(plan.map((c, i) => [c, afterSalePlan[i] ?? null]));
say(
  `after the sale: ${afterSalePlan.filter((p) => p?.kind === "cancel").length} cancels, ` +
    `${afterSalePlan.filter((p) => p?.kind === "refund").length} refunds planned`,
);
for (const f of schedule) say(`planned ${describeFault(f)}`);

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const stack = await startStack({ instances: 2, logLevel: "warn" });
const stopOnSignal = () => void stack.stop().finally(() => process.exit(130));
process.once("SIGINT", stopOnSignal);
process.once("SIGTERM", stopOnSignal);
const transport = chaosConnection(stack, createLogger("chaos", "silent"));
let failed = true;
try {
  say(`stack up in ${((Date.now() - began) / 1_000).toFixed(0)} s (vhost ${stack.vhost})`);
  const world = await buildWorld(stack, random.fork("world"), options);
  say(
    `world: ${world.products.length} products (${world.products.reduce((t, p) => t + p.initialStock, 0)} units), ` +
      `${world.shoppers.length} wallets, ${world.shoppers.filter((s) => s.couponId).length} coupons claimed`,
  );

  // One poller for every order a shopper waits on (a query per shopper would be the load).
  const waiting = new Map<string, (status: string) => void>();
  let polling = true;
  const poller = (async () => {
    while (polling) {
      await delay(250);
      if (waiting.size === 0) continue;
      const { rows } = await stack
        .sql("order-service")
        .query<{ id: string; status: string }>(
          `SELECT id, status::text FROM orders WHERE id = ANY($1::uuid[]) AND status IN ('COMPLETED', 'CANCELLED')`,
          [[...waiting.keys()]],
        )
        .catch(() => ({ rows: [] as { id: string; status: string }[] }));
      for (const r of rows) {
        waiting.get(r.id)?.(r.status);
        waiting.delete(r.id);
      }
    }
  })();
  const settledOrder = (orderId: string) =>
    new Promise<string>((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(orderId);
        resolve("TIMEOUT");
      }, 120_000);
      waiting.set(orderId, (status) => {
        clearTimeout(timer);
        resolve(status);
      });
    });

  const duplicator = await startDuplicator(transport, random.fork("duplicates"), DUPLICATE_RATE);
  const startedAt = Date.now();
  const afterSale = afterSaleDriver(stack, world);
  const workload = runCheckouts(stack, world, plan, startedAt, settledOrder, (c, placed, settled) =>
    afterSale.onPlaced(afterSaleOf.get(c) ?? null, c, placed, settled),
  );
  const faults = await playFaults(stack, transport, schedule, startedAt, say);
  const windowLeft = startedAt + options.seconds * 1_000 - Date.now();
  if (windowLeft > 0) await delay(windowLeft);
  await duplicator.stop();
  const lastFault = Math.max(faults.lastFaultEnd, ...schedule.map((f) => startedAt + faultEnd(f)));
  say(`faults over at +${((lastFault - startedAt) / 1_000).toFixed(1)} s; waiting for the orders`);

  // Every order terminal within 60 s of the last fault (the shoppers still checking out count).
  const deadline = lastFault + 60_000;
  const result = await Promise.race([workload, delay(deadline - Date.now()).then(() => undefined)]);
  let open = await openOrders(stack);
  let returning = await pendingReturns(stack);
  while ((open.open > 0 || returning > 0) && Date.now() < deadline) {
    await delay(250);
    open = await openOrders(stack);
    returning = await pendingReturns(stack);
  }
  const terminalAfterMs = Date.now() - lastFault;
  const done = result ?? (await workload);
  const requests = await afterSale.done();
  polling = false;
  await poller;
  // A request answered after the deadline above may have started a return: let it end too.
  for (const until = Date.now() + 30_000; Date.now() < until;) {
    open = await openOrders(stack);
    returning = await pendingReturns(stack);
    if (open.open === 0 && returning === 0) break;
    await delay(250);
  }

  // Quiet: every outbox sent and every queue empty (bounded), then the checks.
  let unsent = await unsentOutbox(stack);
  let depths: { queue: string; messages: number; consumers: number }[] = [];
  for (const until = Date.now() + 30_000; ;) {
    unsent = await unsentOutbox(stack);
    depths = await Promise.all(
      SHOP_QUEUES.map(async (q) => ({
        queue: q.name,
        ...((await queueStatsIfAny(transport, q.name)) ?? { messages: NaN, consumers: 0 }),
      })),
    );
    const quiet =
      Object.values(unsent).every((n) => n === 0) && depths.every((d) => d.messages === 0);
    if (quiet || Date.now() > until) break;
    await delay(500);
  }
  const dead = await collectDeadLetters(stack, transport, faults.bad);

  const totalUnsent = Object.values(unsent).reduce((a, b) => a + b, 0);
  const checks: Check[] = [
    {
      name: "checkouts placed (the API answered every place)",
      expected: `${options.checkouts} answered`,
      actual: `${done.placed.length} orders, ${[...done.refused.values()].reduce((a, b) => a + b, 0)} refused, ${done.unanswered} unanswered`,
      ok: done.unanswered === 0,
    },
    {
      name: "every order terminal within 60 s of the last fault",
      expected: "0 open",
      actual: `${open.open} open (all terminal ${(terminalAfterMs / 1_000).toFixed(1)} s after)`,
      ok: open.open === 0,
      offenders: open.sample,
    },
    ...(await stockChecks(stack, world)),
    ...(await moneyChecks(stack, world)),
    ...(await couponChecks(stack, world)),
    {
      name: "after-sale requests answered (cancels, refunds)",
      expected: `${requests.cancels} cancels, ${requests.refunds} refunds asked`,
      actual:
        `${requests.accepted.cancel} cancels, ${requests.accepted.refund} refunds accepted; ` +
        `${[...requests.refused.values()].reduce((a, b) => a + b, 0)} refused; ${requests.failures.length} unanswered`,
      ok:
        requests.failures.length === 0 &&
        requests.accepted.cancel > 0 &&
        requests.accepted.refund > 0,
      offenders: requests.failures,
    },
    ...(await returnChecks(stack)),
    {
      name: "every outbox drained",
      expected: "0 unsent in 4 databases",
      actual: `${totalUnsent} unsent`,
      ok: totalUnsent === 0,
      offenders: Object.entries(unsent).map(([s, n]) => `${s}: ${n}`),
    },
    {
      name: "every queue drained and consumed by both instances",
      expected: `${SHOP_QUEUES.length} queues: 0 waiting, ≥ 2 consumers`,
      actual: depths.map((d) => `${d.messages}/${d.consumers}`).join(" "),
      ok: depths.every((d) => d.messages === 0 && d.consumers >= 2),
      offenders: depths.map((d) => `${d.queue}: ${d.messages} waiting, ${d.consumers} consumers`),
    },
    {
      name: "bad input dead-lettered with its reason",
      expected: `${faults.bad.length || SHOP_QUEUES.length * 4} of ${SHOP_QUEUES.length * 4}`,
      actual:
        `${dead.matched}` + (dead.repeats ? ` (+${dead.repeats} again after a redelivery)` : ""),
      ok: faults.bad.length === SHOP_QUEUES.length * 4 && dead.missing.length === 0,
      offenders: dead.missing,
    },
    {
      name: "every dead letter explained",
      expected: "0 unexplained",
      actual: `${dead.unexplained.length} of ${dead.all.length}`,
      ok: dead.unexplained.length === 0,
      offenders: dead.unexplained,
    },
    {
      name: "queues survived the broker restart",
      expected: `${SHOP_QUEUES.length * 2} (queues + dead-letter queues)`,
      actual: faults.queuesAfterRestart ? `${faults.queuesAfterRestart.found}` : "not restarted",
      ok: faults.queuesAfterRestart?.found === SHOP_QUEUES.length * 2,
    },
    {
      name: "faults applied (kills restarted, ~5 % duplicated)",
      expected: "every killed instance back",
      actual: `${faults.kills} kills, ${faults.failures.length} failures; ${duplicator.duplicated} of ${duplicator.seen} messages duplicated (${((100 * duplicator.duplicated) / Math.max(1, duplicator.seen)).toFixed(1)} %)`,
      ok: faults.failures.length === 0 && faults.kills > 0 && duplicator.duplicated > 0,
      offenders: faults.failures,
    },
  ];
  say(
    `outcomes: ${[...(await outcomes(stack))].map(([o, n]) => `${o} ${n}`).join(", ")}; refused: ${
      [...done.refused].map(([m, n]) => `${m} ×${n}`).join(", ") || "none"
    }`,
  );
  say(
    `after the sale: ${requests.cancels} cancels and ${requests.refunds} refunds asked ` +
      `(${requests.skipped} refunds not asked: the order did not complete); refused: ${
        [...requests.refused].map(([m, n]) => `${m} ×${n}`).join(", ") || "none"
      }`,
  );
  console.log(`\n${table(checks)}\n`);
  const violations = checks.filter((c) => !c.ok);
  for (const c of violations)
    console.log(`VIOLATED: ${c.name}\n  ${(c.offenders ?? []).slice(0, 10).join("\n  ")}`);
  say(
    `seed ${options.seed}, ${((Date.now() - began) / 1_000).toFixed(0)} s in all: ` +
      (violations.length
        ? `${violations.length} violations; replay with: ${replay}`
        : "every invariant holds"),
  );
  failed = violations.length > 0;
} catch (err) {
  console.error(`[chaos] the run failed: ${(err as Error).stack ?? String(err)}`);
  console.error(`[chaos] seed ${options.seed}; replay with: ${replay}`);
} finally {
  mkdirSync(".shop/chaos", { recursive: true });
  const file = `.shop/chaos/seed-${options.seed}.log`;
  writeFileSync(file, stack.output());
  say(`the services' output: ${file}`);
  await transport.close().catch(() => undefined);
  await stack.stop().catch((err: unknown) => console.error(err));
}
process.exit(failed ? 1 : 0);
