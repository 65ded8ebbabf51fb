import { NO_RABBITMQ } from "./test/names";
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
