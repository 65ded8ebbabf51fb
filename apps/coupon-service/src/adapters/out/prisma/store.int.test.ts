import type { Envelope } from "@shop/contracts";
import { couponDeps } from "../../../deps";
import { fakeClock, T0 } from "../../../test/fixtures";
import { truncateCoupons, useTestDatabase } from "../../../test/database";
import { couponStoreContract } from "../../../test/store-contract";

const t = useTestDatabase();
const clock = fakeClock(T0);

couponStoreContract("PostgreSQL", {
  reset: () => truncateCoupons(t.db),
  deps: () => ({ ...couponDeps(t.db, { clock }), clock }),
  sent: async () =>
    (
      await t.db.$queryRawUnsafe<{ message: Envelope }[]>(
        "SELECT message FROM outbox ORDER BY created_at, (message->>'occurredAt')",
      )
    ).map((r) => r.message),
});
