import type { Envelope } from "@shop/contracts";
import { useTestDatabase } from "../../../test/database";
import { sagaStoreContract } from "../../../test/store-contract";
import { PgCartStore } from "./cart-store";
import { PgSagaStore } from "./saga-store";

const t = useTestDatabase(10);
const prismaStore = () => new PgSagaStore(t.db);

sagaStoreContract("PostgreSQL", () => ({
  store: prismaStore,
  cart: () => new PgCartStore(t.db),
  sent: async (orderId) =>
    (
      await t.db.$queryRaw<{ message: Envelope }[]>`
        SELECT message FROM outbox WHERE message->>'correlationId' = ${orderId}
         ORDER BY created_at, (message->>'occurredAt')`
    ).map((r) => r.message),
}));
