import { sagaStoreContract } from "../../../test/store-contract";
import { InMemorySagaStore } from "./saga-store";

const store = new InMemorySagaStore();

sagaStoreContract("in memory", () => ({
  store: () => store,
  sent: async (orderId) => store.sent.filter((m) => m.correlationId === orderId),
}));
