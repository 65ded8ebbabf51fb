import { describe, expect, it, vi } from "vitest";
import { fakeClock } from "@shop/service-kit/test-fixtures";
import { PrismaExportStore } from "../adapters/out/prisma/export-store";
import { useTestDatabase } from "../test/database";
import { anEventExport, anOrderExport } from "../test/export-store-contract";
import { DEFAULT_EXPORT_POLICY, exportDueOrders, type ExportPolicy } from "./export-due-orders";
import { exportIdOf, type DataPlatform, type ExportItem, type SendOutcome } from "./export-ports";

/*
 * Two instances of the export job on one PostgreSQL, one of them stalled past its lease: the
 * interleaving the lease exists for. Each instance has its own store, clock and platform client,
 * as two processes would; the test holds every send until it answers it, so both runs are in
 * flight together and the order of their writes is the one named in each test.
 */

const t = useTestDatabase(8);
const T0 = new Date("2026-12-05T10:00:00.000Z");
const policy: ExportPolicy = { ...DEFAULT_EXPORT_POLICY, batch: 5, maxBatches: 1 };
const afterLease = (from: Date) => new Date(from.getTime() + policy.leaseMs + 1_000);

/** A platform whose sends wait until the test answers them (a send that stalls). */
class HeldPlatform implements DataPlatform {
  readonly sends: string[] = [];
  private readonly answers: ((outcome: SendOutcome) => void)[] = [];

  send(item: ExportItem): Promise<SendOutcome> {
    this.sends.push(exportIdOf(item));
    return new Promise((resolve) => this.answers.push(resolve));
  }

  /** Answers the oldest send still waiting. */
  answer(outcome: SendOutcome) {
    const next = this.answers.shift();
    if (!next) throw new Error("no send is waiting for an answer");
    next(outcome);
  }
}

/** A platform that takes every order at once. */
class UpPlatform implements DataPlatform {
  readonly sends: string[] = [];
  async send(item: ExportItem): Promise<SendOutcome> {
    this.sends.push(exportIdOf(item));
    return { kind: "delivered", duplicate: false };
  }
}

function instance<P extends DataPlatform>(now: Date, platform: P) {
  const clock = fakeClock(now);
  const deps = { exports: new PrismaExportStore(t.db), platform, clock };
  return { clock, platform, run: () => exportDueOrders(deps, policy) };
}

/** Records the only export, and the key it is sent under. */
async function recorded(item: ExportItem): Promise<{ item: ExportItem; key: string }> {
  await t.db.$executeRaw`TRUNCATE data_export`;
  await new PrismaExportStore(t.db).record(item, T0);
  return { item, key: exportIdOf(item) };
}

const row = ({ item }: { item: ExportItem }) =>
  t.db.dataExport.findUniqueOrThrow({
    where: { kind_exportId: { kind: item.kind, exportId: exportIdOf(item) } },
  });

describe.each([
  ["a completed order", anOrderExport],
  ["an order event", anEventExport],
])("two export instances, one stalled past its lease (PostgreSQL): %s", (_, anExport) => {
  it("the stalled one's late refusal cannot mark FAILED what the new holder delivers", async () => {
    const order = await recorded(anExport());
    const a = instance(T0, new HeldPlatform());
    const runA = a.run();
    await vi.waitFor(() => expect(a.platform.sends).toEqual([order.key]));

    // A's lease ends while its send hangs; B claims the export and sends it too.
    const b = instance(afterLease(T0), new HeldPlatform());
    const runB = b.run();
    await vi.waitFor(() => expect(b.platform.sends).toEqual([order.key]));

    // A's answer comes first, then B's.
    a.clock.set(b.clock.now());
    a.platform.answer({ kind: "refused", reason: "HTTP 400: totalCents" });
    const ranA = await runA;
    b.platform.answer({ kind: "delivered", duplicate: false });
    const ranB = await runB;

    expect(await row(order)).toMatchObject({ status: "DELIVERED", failedAt: null, attempts: 0 });
    expect(ranB).toMatchObject({ delivered: 1, superseded: 0 });
    // A wrote nothing and says so: no refusal is logged for an order the platform has.
    expect(ranA).toMatchObject({ refused: 0, refusals: [], superseded: 1 });
  });

  it("the stalled one's late retry cannot end the new holder's lease: no third send meanwhile", async () => {
    const order = await recorded(anExport());
    const a = instance(T0, new HeldPlatform());
    const runA = a.run();
    await vi.waitFor(() => expect(a.platform.sends).toEqual([order.key]));
    const b = instance(afterLease(T0), new HeldPlatform());
    const runB = b.run();
    await vi.waitFor(() => expect(b.platform.sends).toEqual([order.key]));

    // A's send times out: it would have the export due again a second later ...
    a.clock.set(b.clock.now());
    a.platform.answer({ kind: "unavailable", reason: "timed out" });
    const ranA = await runA;
    // ... but B holds it: a third instance running then finds nothing due.
    const c = instance(new Date(b.clock.now().getTime() + 1_000), new UpPlatform());
    const ranC = await c.run();

    b.platform.answer({ kind: "delivered", duplicate: false });
    const ranB = await runB;
    expect(c.platform.sends).toEqual([]);
    expect(ranC).toMatchObject({ delivered: 0 });
    expect(await row(order)).toMatchObject({ status: "DELIVERED", attempts: 0, lastError: null });
    expect(ranB).toMatchObject({ delivered: 1 });
    expect(ranA).toMatchObject({ retrying: 0, superseded: 1, unavailable: "timed out" });
  });
});
