// `npm run chaos [-- --short --seed N ...]`: the chaos run (apps/order-service/chaos/run.ts) on
// a RabbitMQ node of its own (lib/chaos-broker.mjs), which is stopped whatever the outcome.
import { startChaosBroker } from "./lib/chaos-broker.mjs";
import { run, stopAll } from "./lib/processes.mjs";

let broker;
for (const signal of ["SIGINT", "SIGTERM"])
  process.once(signal, () =>
    stopAll()
      .then(() => broker?.stop())
      .finally(() => process.exit(130)),
  );

let code = 0;
try {
  console.log("[chaos] starting a RabbitMQ node of the run's own...");
  broker = await startChaosBroker();
  console.log(`[chaos] RabbitMQ ${broker.node} at ${broker.url.replace(/\/\/[^@]*@/, "//")}`);
  await run(
    "npm",
    ["run", "chaos", "--silent", "-w", "@shop/order-service", "--", ...process.argv.slice(2)],
    {
      env: {
        TEST_RABBITMQ_URL: broker.url,
        RABBITMQ_NODENAME: broker.node,
        CHAOS_RABBITMQ_NODE: broker.node,
      },
    },
  );
} catch (err) {
  console.error(`[chaos] ${err.message}`);
  code = 1;
} finally {
  await broker?.stop();
}
process.exit(code);
