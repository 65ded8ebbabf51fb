import type { MessageDefinition } from "@shop/contracts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { consumeMessages, handler } from "../consumer";
import { encodeEnvelope } from "../envelope";
import { PublishError } from "../errors";
import { queue, type DeadLetterQueue, type QueueDefinition } from "../topology";
import {
  ack,
  deadLetter,
  deadLetterInfo,
  retry,
  type Delivery,
  type DeliveryHandler,
  type Subscription,
  type Transport,
} from "../transport";
import { cardCharged, charge, chargeCard, charged } from "./messages";
import { uniqueName } from "./names";
import { testLog } from "./silent-log";

/*
 * The one expectation set both transports are held to (EXAMPLES.md: two adapters, one
 * expectation set). memory-transport.test.ts and rabbit-transport.int.test.ts run it.
 */

export interface TransportHarness {
  transport: Transport;
  /** Publishes bytes as they are, as a broken publisher would. */
  publishRaw(routingKey: string, body: Buffer): Promise<void>;
  /** Closes the transport and deletes every queue and exchange the test made. */
  dispose(queues: readonly QueueDefinition[]): Promise<void>;
}

const waitOptions = { timeout: 10_000, interval: 20 };

/** Records deliveries and settles them with `decide`. */
async function collect(
  transport: Transport,
  q: QueueDefinition | DeadLetterQueue,
  decide: (d: Delivery) => ReturnType<DeliveryHandler> = async () => ack,
  prefetch = 10,
) {
  const received: Delivery[] = [];
  const subscription = await transport.consume(
    q,
    async (d) => {
      received.push(d);
      return decide(d);
    },
    { prefetch },
  );
  return { received, subscription };
}

const idOf = (d: Delivery) => (JSON.parse(d.body.toString()) as { messageId: string }).messageId;

export function transportContract(
  name: string,
  harness: () => Promise<TransportHarness>,
  options: { skip?: boolean } = {},
) {
  describe.skipIf(options.skip)(`${name}: the transport contract`, () => {
    let h: TransportHarness;
    let queues: QueueDefinition[];
    let subscriptions: Subscription[];

    const newQueue = (bindings: MessageDefinition[], deliveryLimit = 2) => {
      const q = queue(uniqueName("contract"), { bindings, deliveryLimit });
      queues.push(q);
      return q;
    };
    const track = <T extends { subscription: Subscription }>(c: T) => {
      subscriptions.push(c.subscription);
      return c;
    };

    beforeEach(async () => {
      queues = [];
      subscriptions = [];
      h = await harness();
    });

    afterEach(async () => {
      await Promise.all(subscriptions.map((s) => s.close()));
      await h.dispose(queues);
    });

    it("routes each message by its type to every queue bound to it, and only there", async () => {
      const commands = newQueue([chargeCard]);
      const everything = newQueue([chargeCard, cardCharged]);
      await h.transport.declare([commands, everything]);
      const a = track(await collect(h.transport, commands));
      const b = track(await collect(h.transport, everything));

      const [command, event] = [charge(), charged()];
      await h.transport.publish([command, event]);

      // Each queue gets its copy on its own: wait for both, not for one of them.
      await vi.waitFor(() => {
        expect(b.received).toHaveLength(2);
        expect(a.received).toHaveLength(1);
      }, waitOptions);
      expect(b.received.map(idOf).sort()).toEqual([command.messageId, event.messageId].sort());
      expect(a.received.map(idOf)).toEqual([command.messageId]);
      expect(JSON.parse(a.received[0]?.body.toString() ?? "")).toEqual(command);
      expect(a.received[0]?.deliveryCount).toBe(1);
    });

    it("keeps messages published while no consumer runs, until one comes", async () => {
      const q = newQueue([chargeCard]);
      await h.transport.declare([q]);
      const messages = [charge(1), charge(2), charge(3)];
      await h.transport.publish(messages);
      const c = track(await collect(h.transport, q));
      await vi.waitFor(() => expect(c.received).toHaveLength(3), waitOptions);
    });

    it("counts the messages waiting in a queue: not those a consumer holds, and not after they are settled", async () => {
      const q = newQueue([chargeCard]);
      await h.transport.declare([q]);
      expect((await h.transport.stats(q)).messages).toBe(0);
      await h.transport.publish([charge(1), charge(2), charge(3)]);
      await vi.waitFor(
        async () => expect((await h.transport.stats(q)).messages).toBe(3),
        waitOptions,
      );
      expect((await h.transport.stats(q.deadLetter)).messages).toBe(0);
      // A consumer holding one unsettled message (prefetch 1): two still wait.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      const c = track(
        await collect(
          h.transport,
          q,
          async () => {
            await held;
            return ack;
          },
          1,
        ),
      );
      await vi.waitFor(() => expect(c.received).toHaveLength(1), waitOptions);
      await vi.waitFor(
        async () => expect((await h.transport.stats(q)).messages).toBe(2),
        waitOptions,
      );
      release();
      await vi.waitFor(() => expect(c.received).toHaveLength(3), waitOptions);
      await vi.waitFor(
        async () => expect((await h.transport.stats(q)).messages).toBe(0),
        waitOptions,
      );
    });

    it("counts a queue's consumers, from every connection", async () => {
      const q = newQueue([chargeCard]);
      await h.transport.declare([q]);
      expect((await h.transport.stats(q)).consumers).toBe(0);
      const first = track(await collect(h.transport, q));
      track(await collect(h.transport, q));
      await vi.waitFor(
        async () => expect((await h.transport.stats(q)).consumers).toBe(2),
        waitOptions,
      );
      await first.subscription.close();
      await vi.waitFor(
        async () => expect((await h.transport.stats(q)).consumers).toBe(1),
        waitOptions,
      );
    });

    it("sends bytes to one queue only, not to every queue bound to the type, and refuses a missing queue", async () => {
      const [target, other] = [newQueue([chargeCard]), newQueue([chargeCard])];
      await h.transport.declare([target, other]);
      const c = track(await collect(h.transport, target));
      const o = track(await collect(h.transport, other));
      const body = encodeEnvelope(charge(5));
      await h.transport.sendToQueue(target, {
        body,
        headers: { "x-test": "yes" },
        messageId: crypto.randomUUID(),
      });
      await vi.waitFor(() => expect(c.received).toHaveLength(1), waitOptions);
      expect(c.received[0]?.body.equals(body)).toBe(true);
      expect(c.received[0]?.headers["x-test"]).toBe("yes");
      expect(o.received).toHaveLength(0);
      const missing = queue(uniqueName("never-declared"), { bindings: [chargeCard] });
      await expect(
        h.transport.sendToQueue(missing, { body, headers: {}, messageId: crypto.randomUUID() }),
      ).rejects.toBeInstanceOf(PublishError);
    });

    it("refuses a message no queue is bound to, and still publishes the rest of the batch", async () => {
      const q = newQueue([chargeCard]);
      await h.transport.declare([q]);
      const c = track(await collect(h.transport, q));
      const [routed, unroutable] = [charge(), charged()];

      const error = await h.transport.publish([routed, unroutable]).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(PublishError);
      expect((error as PublishError).failures).toEqual([
        expect.objectContaining({ messageId: unroutable.messageId, reason: "unroutable" }),
      ]);
      await vi.waitFor(() => expect(c.received.map(idOf)).toEqual([routed.messageId]), waitOptions);
    });

    it("shares one queue's messages between competing consumers, each message to one of them", async () => {
      const q = newQueue([chargeCard]);
      await h.transport.declare([q]);
      const slow = async () => {
        await new Promise((r) => setTimeout(r, 5));
        return ack;
      };
      const first = track(await collect(h.transport, q, slow, 1));
      const second = track(await collect(h.transport, q, slow, 1));
      const messages = Array.from({ length: 20 }, (_, i) => charge(i + 1));

      await h.transport.publish(messages);

      await vi.waitFor(
        () => expect(first.received.length + second.received.length).toBe(20),
        waitOptions,
      );
      const ids = [...first.received, ...second.received].map(idOf);
      expect(new Set(ids).size).toBe(20);
      expect(first.received.length).toBeGreaterThanOrEqual(5);
      expect(second.received.length).toBeGreaterThanOrEqual(5);
    });

    it("holds at most `prefetch` unsettled messages per consumer", async () => {
      const q = newQueue([chargeCard]);
      await h.transport.declare([q]);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let inFlight = 0;
      let most = 0;
      const c = track(
        await collect(
          h.transport,
          q,
          async () => {
            most = Math.max(most, ++inFlight);
            await gate;
            inFlight--;
            return ack;
          },
          2,
        ),
      );
      await h.transport.publish(Array.from({ length: 6 }, (_, i) => charge(i + 1)));

      await vi.waitFor(() => expect(c.received).toHaveLength(2), waitOptions);
      await new Promise((r) => setTimeout(r, 200)); // room for a wrong third delivery
      expect(c.received).toHaveLength(2);
      release();
      await vi.waitFor(() => expect(c.received).toHaveLength(6), waitOptions);
      expect(most).toBe(2);
    });

    it("redelivers a retried message up to the delivery limit, then dead-letters it as delivery_limit", async () => {
      const q = newQueue([chargeCard], 2);
      await h.transport.declare([q]);
      const failing = track(await collect(h.transport, q, async () => retry));
      const dead = track(await collect(h.transport, q.deadLetter));
      const message = charge();

      await h.transport.publish([message]);

      await vi.waitFor(() => expect(dead.received).toHaveLength(1), waitOptions);
      expect(failing.received.map((d) => d.deliveryCount)).toEqual([1, 2, 3]);
      expect(idOf(dead.received[0] as Delivery)).toBe(message.messageId);
      expect(deadLetterInfo(dead.received[0] as Delivery)).toMatchObject({
        reason: "delivery_limit",
        queue: q.name,
      });
    });

    it("treats a handler that throws as a retry", async () => {
      const q = newQueue([chargeCard], 1);
      await h.transport.declare([q]);
      const throwing = track(
        await collect(h.transport, q, async () => {
          throw new Error("database down");
        }),
      );
      const dead = track(await collect(h.transport, q.deadLetter));
      await h.transport.publish([charge()]);
      await vi.waitFor(() => expect(dead.received).toHaveLength(1), waitOptions);
      expect(throwing.received).toHaveLength(2);
    });

    it("dead-letters at once with the reason in the headers, and goes on consuming", async () => {
      const q = newQueue([chargeCard]);
      await h.transport.declare([q]);
      const [poison, fine] = [charge(13), charge(14)];
      const c = track(
        await collect(h.transport, q, async (d) =>
          idOf(d) === poison.messageId
            ? deadLetter("invalid_payload", "amountCents: unlucky")
            : ack,
        ),
      );
      const dead = track(await collect(h.transport, q.deadLetter));

      await h.transport.publish([poison, fine]);

      await vi.waitFor(() => expect(dead.received).toHaveLength(1), waitOptions);
      await vi.waitFor(() => expect(c.received).toHaveLength(2), waitOptions);
      expect(c.received.filter((d) => idOf(d) === poison.messageId)).toHaveLength(1);
      expect(idOf(dead.received[0] as Delivery)).toBe(poison.messageId);
      expect(deadLetterInfo(dead.received[0] as Delivery)).toEqual({
        reason: "invalid_payload",
        detail: "amountCents: unlucky",
        queue: q.name,
      });
    });

    it("refuses to redeclare a queue with other arguments", async () => {
      const q = newQueue([chargeCard], 2);
      await h.transport.declare([q]);
      await h.transport.declare([q]); // the same arguments: fine
      const changed = queue(q.name, { bindings: [chargeCard], deliveryLimit: 3 });
      await expect(h.transport.declare([changed])).rejects.toThrow();
    });

    describe("with the validating consumer", () => {
      it("dead-letters what can never be handled, each with its reason, and goes on", async () => {
        const q = newQueue([chargeCard]);
        await h.transport.declare([q]);
        const handled: string[] = [];
        const subscription = await consumeMessages(
          h.transport,
          q,
          [handler(chargeCard, async (m) => void handled.push(m.payload.orderId))],
          { log: testLog, retryDelayMs: () => 0 },
        );
        subscriptions.push(subscription);
        const dead = track(await collect(h.transport, q.deadLetter));

        const good = charge(100, "order-good");
        await h.publishRaw(chargeCard.type, Buffer.from("{not json"));
        await h.publishRaw(chargeCard.type, Buffer.from(JSON.stringify({ type: chargeCard.type })));
        await h.publishRaw(chargeCard.type, encodeEnvelope({ ...charge(), version: 9 }));
        await h.publishRaw(
          chargeCard.type,
          encodeEnvelope({ ...charge(), payload: { orderId: "x", amountCents: -5 } }),
        );
        await h.transport.publish([good]);

        await vi.waitFor(() => expect(dead.received).toHaveLength(4), waitOptions);
        await vi.waitFor(() => expect(handled).toEqual(["order-good"]), waitOptions);
        const reasons = dead.received.map((d) => deadLetterInfo(d)?.reason).sort();
        expect(reasons).toEqual([
          "invalid_envelope",
          "invalid_json",
          "invalid_payload",
          "unsupported_version",
        ]);
        const payloadDeath = dead.received.find(
          (d) => deadLetterInfo(d)?.reason === "invalid_payload",
        );
        expect(deadLetterInfo(payloadDeath as Delivery)?.detail).toMatch(
          /^test\.charge-card@1: amountCents: /,
        );
        const unknown = dead.received.find(
          (d) => deadLetterInfo(d)?.reason === "unsupported_version",
        );
        expect(deadLetterInfo(unknown as Delivery)?.detail).toContain("test.charge-card@9");
      });

      it("dead-letters a message whose handler keeps failing, and handles the next one", async () => {
        const q = newQueue([chargeCard], 2);
        await h.transport.declare([q]);
        const attempts: number[] = [];
        let handled = 0;
        const subscription = await consumeMessages(
          h.transport,
          q,
          [
            handler(chargeCard, async (m, ctx) => {
              if (m.payload.amountCents === 13) {
                attempts.push(ctx.deliveryCount);
                throw new Error("always fails");
              }
              handled++;
            }),
          ],
          { log: testLog, retryDelayMs: () => 0 },
        );
        subscriptions.push(subscription);
        const dead = track(await collect(h.transport, q.deadLetter));

        await h.transport.publish([charge(13)]);
        await vi.waitFor(() => expect(dead.received).toHaveLength(1), waitOptions);
        expect(attempts).toEqual([1, 2, 3]);
        await h.transport.publish([charge(14)]);
        await vi.waitFor(() => expect(handled).toBe(1), waitOptions);
        expect(deadLetterInfo(dead.received[0] as Delivery)?.reason).toBe("delivery_limit");
      });
    });
  });
}
