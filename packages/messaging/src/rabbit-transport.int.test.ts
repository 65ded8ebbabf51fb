import { Connection } from "rabbitmq-client";
import { describe, expect, it, vi } from "vitest";
import { encodeEnvelope } from "./envelope";
import { ENVELOPE_CONTENT_TYPE } from "./rabbit-transport";
import { queue } from "./topology";
import { chargeCard, charge } from "./test/messages";
import { NO_RABBITMQ, RABBIT_URL, uniqueName } from "./test/names";
import { deleteTopology, rabbitTransport } from "./test/rabbit";
import { transportContract } from "./test/transport-contract";

transportContract(
  "RabbitTransport",
  async () => {
    const transport = rabbitTransport();
    return {
      transport,
      publishRaw: (routingKey, body) => transport.publishRaw(routingKey, body),
      dispose: async (queues) => {
        await transport.close();
        await deleteTopology(transport.exchange, queues);
      },
    };
  },
  { skip: NO_RABBITMQ },
);

describe.skipIf(NO_RABBITMQ)("RabbitTransport: what goes on the wire", () => {
  it("publishes envelopes the library hands to a consumer as bytes, not parsed (no parse and re-stringify per delivery)", async () => {
    const transport = rabbitTransport();
    const q = queue(uniqueName("wire"), { bindings: [chargeCard], deliveryLimit: 2 });
    const reader = new Connection({ url: RABBIT_URL, connectionName: "messaging-test-wire" });
    reader.on("error", () => undefined);
    const bodies: unknown[] = [];
    const contentTypes: (string | undefined)[] = [];
    try {
      await transport.declare([q]);
      const envelope = charge(12);
      await transport.publish([envelope]);
      const consumer = reader.createConsumer(
        { queue: q.name, queueOptions: { passive: true } },
        async (msg) => {
          bodies.push(msg.body);
          contentTypes.push(msg.contentType);
        },
      );
      await vi.waitFor(() => expect(bodies).toHaveLength(1), { timeout: 10_000, interval: 20 });
      await consumer.close();
      expect(contentTypes).toEqual([ENVELOPE_CONTENT_TYPE]);
      expect(Buffer.isBuffer(bodies[0])).toBe(true);
      expect(bodies[0]).toEqual(encodeEnvelope(envelope));
    } finally {
      await reader.close();
      await transport.close();
      await deleteTopology(transport.exchange, [q]);
    }
  });
});
