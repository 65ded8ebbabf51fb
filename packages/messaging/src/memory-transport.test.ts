import { InMemoryTransport } from "./memory-transport";
import { transportContract } from "./test/transport-contract";

transportContract("InMemoryTransport", async () => {
  const transport = new InMemoryTransport();
  return {
    transport,
    publishRaw: (routingKey, body) => transport.publishRaw(routingKey, body),
    dispose: () => transport.close(),
  };
});
