import { createLogger } from "@shop/service-kit/logger";
import { SAGA_ID } from "@shop/service-kit/trace-context";
import { describe, expect, it, vi } from "vitest";
import { consumeMessages, defaultRetryDelayMs, handler } from "./consumer";
import { HandlerRegistrationError } from "./errors";
import { InMemoryTransport } from "./memory-transport";
import { cardCharged, charge, chargeCard } from "./test/messages";
import { testLog } from "./test/silent-log";
import { ack, deadLetter, deadLetterInfo, type DeadLetterInfo } from "./transport";
import { queue } from "./topology";

const q = queue("test.consumer", { bindings: [chargeCard], deliveryLimit: 3 });
const noop = async () => undefined;

describe("consumeMessages", () => {
  it.each([
    ["no handler for a binding", []],
    [
      "a handler for a type the queue is not bound to",
      [handler(chargeCard, noop), handler(cardCharged, noop)],
    ],
    ["two handlers for one type", [handler(chargeCard, noop), handler(chargeCard, noop)]],
  ])("refuses to start with %s", async (_, handlers) => {
    await expect(
      consumeMessages(new InMemoryTransport(), q, handlers, { log: testLog }),
    ).rejects.toBeInstanceOf(HandlerRegistrationError);
  });

  it("gives the handler the typed message and its context", async () => {
    const transport = new InMemoryTransport();
    const seen = vi.fn();
    const sub = await consumeMessages(
      transport,
      q,
      [
        handler(chargeCard, async (m, ctx) =>
          seen(m.payload.amountCents, ctx.queue, ctx.deliveryCount),
        ),
      ],
      { log: testLog },
    );
    await transport.publish([charge(700)]);
    await vi.waitFor(() => expect(seen).toHaveBeenCalledWith(700, "test.consumer", 1));
    await sub.close();
  });

  it("gives the handler what its use case records: the inbox key and the saga", async () => {
    const transport = new InMemoryTransport();
    const seen = vi.fn();
    const sub = await consumeMessages(
      transport,
      q,
      [handler(chargeCard, async (_, ctx) => seen(ctx.received))],
      { log: testLog },
    );
    const message = charge(700);
    await transport.publish([message]);
    await vi.waitFor(() =>
      expect(seen).toHaveBeenCalledWith({
        consumer: "test.consumer",
        messageId: message.messageId,
        correlationId: message.correlationId,
      }),
    );
    await sub.close();
  });

  it("dead-letters a message its handler answers deadLetter for, with the reason, at once", async () => {
    const transport = new InMemoryTransport();
    let attempts = 0;
    const sub = await consumeMessages(
      transport,
      q,
      [
        handler(chargeCard, async () => {
          attempts++;
          return deadLetter("invalid_reply", "for another saga's step");
        }),
      ],
      { log: testLog },
    );
    const dead: (DeadLetterInfo | undefined)[] = [];
    const deadSub = await transport.consume(
      q.deadLetter,
      async (d) => {
        dead.push(deadLetterInfo(d));
        return ack;
      },
      { prefetch: 1 },
    );
    await transport.publish([charge()]);
    await vi.waitFor(() =>
      expect(dead).toEqual([
        expect.objectContaining({ reason: "invalid_reply", detail: "for another saga's step" }),
      ]),
    );
    // Not retried: a message that can never be handled is not worth the delivery limit.
    expect(attempts).toBe(1);
    await deadSub.close();
    await sub.close();
  });

  it("waits longer after each failure, and a close cuts the wait short", async () => {
    expect([1, 2, 3, 4, 10].map(defaultRetryDelayMs)).toEqual([200, 400, 800, 1600, 5000]);
    const transport = new InMemoryTransport();
    let attempts = 0;
    // A handler that fails, then would wait a minute before its retry...
    const failing = await consumeMessages(
      transport,
      q,
      [
        handler(chargeCard, async () => {
          attempts++;
          throw new Error("database down");
        }),
      ],
      { log: testLog, retryDelayMs: () => 60_000 },
    );
    await transport.publish([charge()]);
    await vi.waitFor(() => expect(attempts).toBe(1));
    const closing = Date.now();
    await failing.close(); // ...is not waited for
    expect(Date.now() - closing).toBeLessThan(1_000);
    expect((await transport.stats(q)).messages).toBe(1); // and the message is back in the queue
  });

  it("every line about a message names its saga as shop.saga_id, with tracing off", async () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger("consumer-test", "debug", {
      write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    const transport = new InMemoryTransport();
    let attempts = 0;
    const sub = await consumeMessages(
      transport,
      q,
      [
        handler(chargeCard, async () => {
          if (++attempts === 1) throw new Error("database down");
        }),
      ],
      { log, retryDelayMs: () => 0 },
    );
    const message = charge();
    await transport.publish([message]);
    await vi.waitFor(() => expect(lines.map((l) => l.msg)).toContain("message handled"));
    await sub.close();
    const about = lines.filter((l) => l.messageId === message.messageId);
    expect(about.map((l) => l.msg)).toEqual(["handler failed; will retry", "message handled"]);
    for (const line of about) expect(line[SAGA_ID]).toBe(message.correlationId);
  });
});
