import { randomBytes } from "node:crypto";
import { RabbitTransport, type QueueDefinition } from "@shop/messaging";
import { createLogger } from "@shop/service-kit/logger";

/*
 * RabbitMQ for integration tests: every run gets its own exchange and queue names, so two runs
 * on one broker (two engineers, CI) never see each other's messages; tests delete what they made.
 */

export const RABBIT_URL = process.env.TEST_RABBITMQ_URL ?? "amqp://guest:guest@127.0.0.1:5672";

/** Silent unless LOG_LEVEL asks (debugging a failing test). */
export const testLog = createLogger("payment-service-test", process.env.LOG_LEVEL ?? "silent");

const run = randomBytes(4).toString("hex");
let n = 0;

/** "test-1a2b3c4d.name-7": unique in this run, a valid queue name. */
export const uniqueName = (name: string) => `test-${run}.${name}-${++n}`;

export function testTransport(): RabbitTransport {
  return new RabbitTransport({
    url: RABBIT_URL,
    log: testLog,
    exchange: uniqueName("exchange"),
    connectionName: "payment-service-test",
    retryLow: 50,
    retryHigh: 500,
  });
}

/** Deletes the queues (with their dead-letter queues) and the test's exchanges. */
export async function deleteTopology(transport: RabbitTransport, queues: QueueDefinition[]) {
  for (const q of queues) {
    await transport.connection.queueDelete({ queue: q.name });
    await transport.connection.queueDelete({ queue: q.deadLetter.name });
  }
  await transport.connection.exchangeDelete({ exchange: transport.exchange });
  await transport.connection.exchangeDelete({ exchange: transport.deadLetterExchange });
}
