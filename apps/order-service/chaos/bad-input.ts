import { randomUUID } from "node:crypto";
import type { QueueContract } from "@shop/contracts";
import type { RabbitTransport } from "@shop/messaging";
import { SHOP_QUEUES } from "./broker";

/*
 * The bad input of the run's first minute: every queue of the shop gets, straight into the queue
 * (the default exchange routes by queue name, so nothing else sees them), four messages no
 * consumer can handle:
 * - invalid JSON;
 * - a valid envelope of a type no queue knows;
 * - a known type of the queue at a version nobody handles (99);
 * - an oversized one: about 1 MB, a known type and version whose payload is only padding.
 * Each is dead-lettered with its reason and the consumers go on (the orders after it complete).
 * Every one carries x-chaos-bad (its kind) and x-chaos-id (its id, also its AMQP message id), so
 * the dead letters can be told apart from anything else: the check matches them by that id.
 */

export type BadKind = "invalid-json" | "unknown-type" | "wrong-version" | "oversized";

export const BAD_KIND_HEADER = "x-chaos-bad";
export const BAD_ID_HEADER = "x-chaos-id";
const OVERSIZED_BYTES = 1_000_000;

/** The reason each kind must be dead-lettered with (@shop/messaging's decoder, envelope.ts). */
export const EXPECTED_REASON: Record<BadKind, string> = {
  "invalid-json": "invalid_json",
  "unknown-type": "unknown_type",
  "wrong-version": "unsupported_version",
  oversized: "oversized",
};

export interface BadMessage {
  readonly id: string;
  readonly kind: BadKind;
  readonly queue: string;
  readonly bytes: number;
}

const envelope = (id: string, type: string, version: number, payload: unknown) =>
  Buffer.from(
    JSON.stringify({
      messageId: id,
      type,
      version,
      correlationId: `chaos-bad-${id}`,
      occurredAt: new Date().toISOString(),
      payload,
    }),
  );

function bodyOf(kind: BadKind, id: string, queue: QueueContract): Buffer {
  const known = queue.messages[0]!;
  switch (kind) {
    case "invalid-json":
      return Buffer.from(`{"messageId": "${id}", "type": "chaos.broken`);
    case "unknown-type":
      return envelope(id, "chaos.unknown-type", 1, {});
    case "wrong-version":
      return envelope(id, known.type, 99, {});
    case "oversized":
      return envelope(id, known.type, known.version, { padding: "x".repeat(OVERSIZED_BYTES) });
  }
}

const KINDS: readonly BadKind[] = ["invalid-json", "unknown-type", "wrong-version", "oversized"];

/** Publishes the bad input to every queue (confirmed, retried across a cut); what was sent. */
export async function injectBadInput(transport: RabbitTransport): Promise<BadMessage[]> {
  const publisher = transport.connection.createPublisher({ confirm: true, maxAttempts: 5 });
  const sent: BadMessage[] = [];
  try {
    for (const queue of SHOP_QUEUES)
      for (const kind of KINDS) {
        const id = randomUUID();
        const body = bodyOf(kind, id, queue);
        await publisher.send(
          {
            exchange: "",
            routingKey: queue.name,
            mandatory: true,
            durable: true,
            messageId: id,
            contentType: "application/json",
            headers: { [BAD_KIND_HEADER]: kind, [BAD_ID_HEADER]: id },
          },
          body,
        );
        sent.push({ id, kind, queue: queue.name, bytes: body.length });
      }
  } finally {
    await publisher.close();
  }
  return sent;
}
