import type { Envelope } from "@shop/contracts";
import { useTestDatabase } from "../../../test/database";
import { sagaStoreContract } from "../../../test/store-contract";
import { PrismaCartStore } from "./cart-store";
import { PrismaSagaStore } from "./saga-store";

const t = useTestDatabase(10);
const prismaStore = () => new PrismaSagaStore(t.db);

sagaStoreContract("PostgreSQL", () => ({
  store: prismaStore,
  cart: () => new PrismaCartStore(t.db),
  sent: async (orderId) =>
    (
      await t.db.$queryRaw<{ message: Envelope }[]>`
        SELECT message FROM outbox WHERE message->>'correlationId' = ${orderId}
         ORDER BY created_at, (message->>'occurredAt')`
    ).map((r) => r.message),
}));
