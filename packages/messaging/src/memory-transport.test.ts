import type { Envelope } from "@shop/contracts";
import { describe, expect, it, vi } from "vitest";
import { PublishError } from "./errors";
import { InMemoryTransport } from "./memory-transport";
import { charge, chargeCard } from "./test/messages";
import { transportContract } from "./test/transport-contract";
import { queue } from "./topology";
import { ack, deadLetter, retry, type Delivery, type Disposition } from "./transport";

transportContract("InMemoryTransport", async () => {
  const transport = new InMemoryTransport();
  return {
    transport,
    publishRaw: (routingKey, body) => transport.publishRaw(routingKey, body),
    dispose: () => transport.close(),
  };
});

/*
 * confirm: "settled" (the embedded host): publish() answers for a message only once a consumer
 * settled every copy, so the outbox relay never marks sent what a crash could still lose.
 */

const waitOptions = { timeout: 5_000, interval: 5 };
/** Long enough for a wrong early confirm to show: deliveries run on the next turns. */
const aWhile = () => new Promise((r) => setTimeout(r, 50));

/** A publish()'s state, readable while it is pending. */
function watch(publishing: Promise<void>) {
  const w: { state: "pending" | "resolved" | "rejected"; error?: unknown } = { state: "pending" };
  publishing.then(
    () => (w.state = "resolved"),
    (error: unknown) => Object.assign(w, { state: "rejected", error }),
  );
  return w;
}

function latch() {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  /** A handler that holds each delivery until release(), then settles it with `outcome`. */
  const thenSettle = (outcome: Disposition) => async () => {
    await released;
    return outcome;
  };
  return { release, released, thenSettle };
}

const idOf = (d: Delivery) => (JSON.parse(d.body.toString()) as Envelope).messageId;

async function setUp(deliveryLimit = 2) {
  const transport = new InMemoryTransport({ confirm: "settled" });
  const q = queue("settled-confirms", { bindings: [chargeCard], deliveryLimit });
  await transport.declare([q]);
  const received: Delivery[] = [];
  const consume = (decide: (d: Delivery) => Promise<Disposition>, prefetch = 10) =>
    transport.consume(
      q,
      async (d) => {
        received.push(d);
        return decide(d);
      },
      { prefetch },
    );
  return { transport, q, received, consume };
}

const rejectedIds = (w: { error?: unknown }) => {
  expect(w.error).toBeInstanceOf(PublishError);
  return (w.error as PublishError).failures.map((f) => [f.messageId, f.reason]);
};

describe("InMemoryTransport with confirm: settled", () => {
  it("resolves publish only once the handler has acked", async () => {
    const { transport, received, consume } = await setUp();
    const handlerDone = latch();
    await consume(handlerDone.thenSettle(ack));

    const w = watch(transport.publish([charge()]));
    await vi.waitFor(() => expect(received).toHaveLength(1), waitOptions);
    await aWhile();
    expect(w.state).toBe("pending"); // delivered is not settled
    handlerDone.release();
    await vi.waitFor(() => expect(w.state).toBe("resolved"), waitOptions);
    await transport.close();
  });

  it("resolves once the message is dead-lettered, by the handler or by the delivery limit", async () => {
    const { transport, q, received, consume } = await setUp(1);
    const [poison, failing] = [charge(13), charge(14)];
    await consume(async (d) => (idOf(d) === poison.messageId ? deadLetter("bad", "13") : retry));

    await transport.publish([poison, failing]); // resolves: no DLQ consumer is needed

    expect(received.filter((d) => idOf(d) === failing.messageId)).toHaveLength(2); // limit 1
    expect((await transport.stats(q.deadLetter)).messages).toBe(2);
    await transport.close();
  });

  it("does not resolve on a retry: it waits for the redelivery's ack", async () => {
    const { transport, received, consume } = await setUp();
    const second = latch();
    await consume(async (d) => {
      if (d.deliveryCount === 1) return retry;
      await second.released;
      return ack;
    });

    const w = watch(transport.publish([charge()]));
    await vi.waitFor(() => expect(received).toHaveLength(2), waitOptions);
    await aWhile();
    expect(w.state).toBe("pending");
    second.release();
    await vi.waitFor(() => expect(w.state).toBe("resolved"), waitOptions);
    expect(received.map((d) => d.deliveryCount)).toEqual([1, 2]);
    await transport.close();
  });

  it("rejects a message whose queue has no consumer, and takes the copy out of the queue", async () => {
    const { transport, q } = await setUp();
    const message = charge();

    const error = await transport.publish([message]).catch((e: unknown) => e);

    expect(rejectedIds({ error })).toEqual([[message.messageId, "rejected"]]);
    expect((await transport.stats(q)).messages).toBe(0);
    await transport.close();
  });

  it("rejects at once when one copy of a fan-out has no consumer, while another is still held", async () => {
    const { transport, received, consume } = await setUp();
    await transport.declare([queue("settled-unconsumed", { bindings: [chargeCard] })]);
    const handlerDone = latch();
    await consume(handlerDone.thenSettle(ack));
    const message = charge();

    const w = watch(transport.publish([message]));

    await vi.waitFor(() => expect(w.state).toBe("rejected"), waitOptions);
    expect(rejectedIds(w)).toEqual([[message.messageId, "rejected"]]);
    await vi.waitFor(() => expect(received).toHaveLength(1), waitOptions); // a harmless duplicate
    handlerDone.release();
    await transport.close();
  });

  it("rejects what is unsettled when the last consumer closes: waiting, and retried in flight", async () => {
    const { transport, q, received, consume } = await setUp();
    const handlerDone = latch();
    const [held, waiting] = [charge(1), charge(2)];
    const subscription = await consume(handlerDone.thenSettle(retry), 1);
    const heldPublish = watch(transport.publish([held]));
    await vi.waitFor(() => expect(received).toHaveLength(1), waitOptions);
    const waitingPublish = watch(transport.publish([waiting]));
    await aWhile();
    expect([heldPublish.state, waitingPublish.state]).toEqual(["pending", "pending"]);

    const closing = subscription.close();

    await vi.waitFor(() => expect(waitingPublish.state).toBe("rejected"), waitOptions);
    expect(heldPublish.state).toBe("pending"); // its handler may still ack it
    handlerDone.release(); // ...but retries it, and no consumer is left to redeliver it to
    await closing;
    await vi.waitFor(() => expect(heldPublish.state).toBe("rejected"), waitOptions);
    expect(rejectedIds(waitingPublish)).toEqual([[waiting.messageId, "rejected"]]);
    expect(rejectedIds(heldPublish)).toEqual([[held.messageId, "rejected"]]);
    expect((await transport.stats(q)).messages).toBe(0);
    await transport.close();
  });

  it("keeps a waiting message's confirm pending while a competing consumer is left", async () => {
    const { transport, received, consume } = await setUp();
    const handlersDone = latch();
    const holdThenAck = handlersDone.thenSettle(ack);
    const first = await consume(holdThenAck, 1);
    await consume(holdThenAck, 1);
    const busy = [watch(transport.publish([charge(1)])), watch(transport.publish([charge(2)]))];
    await vi.waitFor(() => expect(received).toHaveLength(2), waitOptions); // both consumers full
    const waiting = watch(transport.publish([charge(3)]));

    const closing = first.close();
    await aWhile();

    expect(waiting.state).toBe("pending"); // the second consumer will take it
    handlersDone.release();
    await closing;
    await vi.waitFor(() => expect(waiting.state).toBe("resolved"), waitOptions);
    expect(busy.map((w) => w.state)).toEqual(["resolved", "resolved"]);
    await transport.close();
  });

  it("close() rejects pending confirms without waiting for the handlers, and returns", async () => {
    const { transport, received, consume } = await setUp();
    const handlerDone = latch();
    await consume(handlerDone.thenSettle(ack));
    const message = charge();
    const w = watch(transport.publish([message]));
    await vi.waitFor(() => expect(received).toHaveLength(1), waitOptions);

    const closed = watch(transport.close());

    await vi.waitFor(() => expect(w.state).toBe("rejected"), waitOptions);
    expect(rejectedIds(w)).toEqual([[message.messageId, "rejected"]]);
    handlerDone.release(); // close() waits for the handler in flight (the port's contract)
    await vi.waitFor(() => expect(closed.state).toBe("resolved"), waitOptions);
    expect(w.state).toBe("rejected"); // the late ack changes nothing
  });
});
