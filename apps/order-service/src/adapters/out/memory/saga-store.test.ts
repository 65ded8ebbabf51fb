import { sagaStoreContract } from "../../../test/store-contract";
import { InMemoryCartStore } from "./cart-store";
import { InMemorySagaStore } from "./saga-store";

const cart = new InMemoryCartStore();
const store = new InMemorySagaStore(cart);

sagaStoreContract("in memory", () => ({
  store: () => store,
  cart: () => cart,
  sent: async (orderId) => store.sent.filter((m) => m.correlationId === orderId),
}));
