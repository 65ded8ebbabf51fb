import { createReply } from "@shop/contracts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { consumeMessages, handler } from "./consumer";
import { recordInbox } from "./inbox";
import { appendToOutbox } from "./outbox";
import type { RabbitTransport } from "./rabbit-transport";
import { startOutboxRelay, type OutboxRelay } from "./relay";
import { inTransaction, useTestDatabase } from "./test/database";
import { cardCharged, charge, chargeCard } from "./test/messages";
import { uniqueName } from "./test/names";
import { NO_RABBITMQ } from "./test/names";
import { deleteTopology, rabbitTransport } from "./test/rabbit";
import { testLog } from "./test/silent-log";
import { queue } from "./topology";
import type { Subscription } from "./transport";

/*
 * One saga step the way a participant service runs it, on the real PostgreSQL and RabbitMQ:
 * a command arrives, the handler records it in the inbox, changes state and appends its reply
 * to the outbox in one transaction; the relay publishes the reply.
 */

const database = useTestDatabase(10);
const pool = () => database.db.pool;

const commands = queue(uniqueName("payments"), { bindings: [chargeCard] });
const replies = queue(uniqueName("orders"), { bindings: [cardCharged] });

let transport: RabbitTransport;
let relay: OutboxRelay;
const subscriptions: Subscription[] = [];
const repliesSeen: string[] = [];
let handlerRuns = 0; // finished runs
let duplicatesSeen = 0;

beforeAll(async () => {
  await pool().query("CREATE TABLE charges (order_id text PRIMARY KEY, amount_cents int NOT NULL)");
  transport = rabbitTransport();
  await transport.declare([commands, replies]);
  relay = startOutboxRelay({ pool: pool(), transport, log: testLog });

  subscriptions.push(
    await consumeMessages(
      transport,
      commands,
      [
        handler(chargeCard, async (command, ctx) => {
          await inTransaction(pool(), async (tx) => {
            const { alreadyProcessed } = await recordInbox(tx, {
              consumer: ctx.queue,
              messageId: command.messageId,
            });
            if (alreadyProcessed) {
              duplicatesSeen++;
              return; // the change and its reply committed the first time
            }
            await tx.query("INSERT INTO charges (order_id, amount_cents) VALUES ($1, $2)", [
              command.payload.orderId,
              command.payload.amountCents,
            ]);
            await appendToOutbox(tx, [
              createReply(command, cardCharged, { orderId: command.payload.orderId }),
            ]);
          });
          handlerRuns++;
        }),
      ],
      { log: testLog, prefetch: 5 },
    ),
  );
  subscriptions.push(
    await consumeMessages(
      transport,
      replies,
      [handler(cardCharged, async (reply) => void repliesSeen.push(reply.payload.orderId))],
      { log: testLog },
    ),
  );
});

afterAll(async () => {
  await Promise.all(subscriptions.map((s) => s.close()));
  await relay.stop();
  await transport.close();
  await deleteTopology(transport.exchange, [commands, replies]);
});

describe.skipIf(NO_RABBITMQ)("a saga step with outbox and inbox", () => {
  it("processes a command delivered twice once, and replies once", async () => {
    const command = charge(2_500, crypto.randomUUID());
    // The same message twice, as a publisher retry after a lost confirm would send it.
    await inTransaction(pool(), (tx) => appendToOutbox(tx, [command]));
    await transport.publish([command]);

    await vi.waitFor(() => expect(handlerRuns).toBe(2), { timeout: 10_000 });
    expect(duplicatesSeen).toBe(1);
    await vi.waitFor(() => expect(repliesSeen).toEqual([command.payload.orderId]), {
      timeout: 10_000,
    });
    const { rows } = await pool().query("SELECT * FROM charges WHERE order_id = $1", [
      command.payload.orderId,
    ]);
    expect(rows).toEqual([{ order_id: command.payload.orderId, amount_cents: 2_500 }]);
    await new Promise((r) => setTimeout(r, 200)); // no second reply on its way
    expect(repliesSeen).toEqual([command.payload.orderId]);
  });
});
