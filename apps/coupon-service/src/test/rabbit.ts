import { randomBytes } from "node:crypto";
import { RabbitTransport, type QueueDefinition } from "@shop/messaging";
import { createLogger } from "@shop/service-kit/logger";

/*
 * RabbitMQ for the integration tests: an exchange and queue names of this run's own, so two
 * runs on one broker (CI and a developer, or a running shop) never see each other's messages,
 * and the cleanup of what a test declared.
 */

export const RABBIT_URL = process.env.TEST_RABBITMQ_URL ?? "amqp://guest:guest@127.0.0.1:5672";
export const testLog = createLogger("coupon-service-test", process.env.LOG_LEVEL ?? "silent");

const run = randomBytes(4).toString("hex");
let n = 0;
/** "test-1a2b3c4d.name-7": unique in this run, a valid queue name. */
export const uniqueName = (name: string) => `test-${run}.${name}-${++n}`;

export const rabbitTransport = () =>
  new RabbitTransport({
    url: RABBIT_URL,
    log: testLog,
    exchange: uniqueName("exchange"),
    connectionName: "coupon-service-test",
    retryLow: 50,
    retryHigh: 500,
  });

/** Deletes the queues (with their dead-letter queues) and the exchanges, then closes. */
export async function disposeTopology(transport: RabbitTransport, queues: QueueDefinition[]) {
  const { connection } = transport;
  for (const q of queues) {
    await connection.queueDelete({ queue: q.name });
    await connection.queueDelete({ queue: q.deadLetter.name });
  }
  await connection.exchangeDelete({ exchange: transport.exchange });
  await connection.exchangeDelete({ exchange: transport.deadLetterExchange });
  await transport.close();
}
