import type { Envelope } from "@shop/contracts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { consumeMessages, handler } from "./consumer";
import { recordInbox } from "./inbox";
import { appendToOutbox } from "./outbox";
import type { RabbitTransport } from "./rabbit-transport";
import { startOutboxRelay } from "./relay";
import { inTransaction, useTestDatabase } from "./test/database";
import { charge, chargeCard } from "./test/messages";
import { uniqueName } from "./test/names";
import { cuttableProxy } from "./test/proxy";
import { NO_RABBITMQ } from "./test/names";
import { deleteTopology, rabbitTransport } from "./test/rabbit";
import { testLog } from "./test/silent-log";
import { queue } from "./topology";

/*
 * The broker connection drops (twice, while messages flow both ways) and comes back: nothing
 * is lost, and the inbox keeps the redeliveries from being processed twice.
 */

const database = useTestDatabase(10);
const pool = () => database.db.pool;
let proxy: Awaited<ReturnType<typeof cuttableProxy>>;
const commands = queue(uniqueName("reconnect"), { bindings: [chargeCard] });
const exchange = uniqueName("exchange");

beforeAll(async () => {
  proxy = await cuttableProxy();
  // Declared directly, so the test's topology exists whatever the proxy does.
  const direct = rabbitTransport({ exchange });
  await direct.declare([commands]);
  await direct.close();
});

afterAll(async () => {
  await proxy.close();
  await deleteTopology(exchange, [commands]);
});

describe.skipIf(NO_RABBITMQ)("a dropped broker connection", () => {
  it("loses nothing: every committed message is processed exactly once after reconnecting", async () => {
    // Publisher and consumer side each on their own connection through the proxy.
    const publishing: RabbitTransport = rabbitTransport({ exchange, url: proxy.url });
    const consuming: RabbitTransport = rabbitTransport({ exchange, url: proxy.url });
    let connections = 0; // the first connect of each, then every reconnect
    for (const t of [publishing, consuming]) t.connection.on("connection", () => connections++);
    const relay = startOutboxRelay({
      pool: pool(),
      transport: publishing,
      log: testLog,
      batchSize: 50,
    });
    const processed = new Set<string>();
    let duplicates = 0;
    const subscription = await consumeMessages(
      consuming,
      commands,
      [
        handler(chargeCard, async (m, ctx) => {
          await inTransaction(pool(), async (tx) => {
            const { alreadyProcessed } = await recordInbox(tx, {
              consumer: ctx.queue,
              messageId: m.messageId,
            });
            if (alreadyProcessed) duplicates++;
            else processed.add(m.messageId);
          });
        }),
      ],
      { log: testLog, prefetch: 20, retryDelayMs: () => 10 },
    );

    const sent: Envelope[] = [];
    const produce = async (rounds: number) => {
      for (let i = 0; i < rounds; i++) {
        const batch = Array.from({ length: 20 }, () => charge());
        await inTransaction(pool(), (tx) => appendToOutbox(tx, batch));
        sent.push(...batch);
        await new Promise((r) => setTimeout(r, 10));
      }
    };

    const producing = produce(60); // 1,200 messages over a second or more
    await new Promise((r) => setTimeout(r, 150));
    await proxy.cut(300);
    await new Promise((r) => setTimeout(r, 300));
    await proxy.cut(300);
    await producing;

    await vi.waitFor(() => expect(processed.size).toBe(sent.length), {
      timeout: 30_000,
      interval: 50,
    });
    expect([...processed].sort()).toEqual(sent.map((m) => m.messageId).sort());
    // A publish whose confirm the cut lost is delivered yet unmarked, and sent again after its
    // backoff (at most 5 s): the outbox empties then, and the inbox catches the second copy.
    await vi.waitFor(
      async () => {
        const unsent = await pool().query("SELECT count(*) FROM outbox WHERE sent_at IS NULL");
        expect(Number(unsent.rows[0].count)).toBe(0);
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(connections).toBeGreaterThanOrEqual(4); // the cuts did drop both connections
    testLog.info({ duplicates, connections }, "redeliveries caught by the inbox");

    await subscription.close();
    await relay.stop();
    await publishing.close();
    await consuming.close();
  }, 60_000);
});
