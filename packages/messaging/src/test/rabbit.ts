import { Connection } from "rabbitmq-client";
import { RabbitTransport } from "../rabbit-transport";
import type { QueueDefinition } from "../topology";
import { RABBIT_URL, uniqueName } from "./names";
import { testLog } from "./silent-log";

/** A RabbitTransport on an exchange of its own, and the cleanup of what it declared. */
export function rabbitTransport(
  options: { exchange?: string; url?: string; connectionName?: string } = {},
) {
  return new RabbitTransport({
    url: options.url ?? RABBIT_URL,
    log: testLog,
    exchange: options.exchange ?? uniqueName("exchange"),
    connectionName: options.connectionName ?? "messaging-test",
    retryLow: 50,
    retryHigh: 500,
  });
}

/** Deletes the queues (with their dead-letter queues) and the exchanges, on a connection of its own. */
export async function deleteTopology(exchange: string, queues: readonly QueueDefinition[]) {
  const admin = new Connection({ url: RABBIT_URL, connectionName: "messaging-test-cleanup" });
  admin.on("error", () => undefined);
  try {
    for (const q of queues) {
      await admin.queueDelete({ queue: q.name });
      await admin.queueDelete({ queue: q.deadLetter.name });
    }
    await admin.exchangeDelete({ exchange });
    await admin.exchangeDelete({ exchange: `${exchange}.dead-letter` });
  } finally {
    await admin.close();
  }
}
