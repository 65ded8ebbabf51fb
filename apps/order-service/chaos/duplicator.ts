import { ack, queue, type RabbitTransport, type Subscription } from "@shop/messaging";
import { SHOP_QUEUES } from "./broker";
import type { Random } from "./prng";

/*
 * About 5 % of the shop's messages delivered twice. A queue of the run's own in the stack's
 * vhost is bound to the shop's exchange for every message type the shop's queues take (the
 * topic exchange routes by type, so this is every message a relay publishes, as `#` would be);
 * of what it sees, a seeded 5 % is published again on the same exchange with the same routing
 * key and the same bytes.
 *
 * Why this is a faithful duplicate: the copy is the relay's own message, byte for byte (the
 * envelope and its messageId, correlationId and payload), routed by the exchange to every queue
 * bound to its type exactly as the first was: what a relay does when it publishes a message
 * again because the broker's confirm was lost (a cut connection after the broker took it). The
 * copies carry x-chaos-duplicate, which no consumer reads, so the tap skips its own copies.
 * Which messages are copied follows the arrival order, which a seed cannot fix; how many does.
 */

export const DUPLICATE_HEADER = "x-chaos-duplicate";

export interface Duplicator {
  /** Messages the tap saw (its own copies not counted) and copied. */
  readonly seen: number;
  readonly duplicated: number;
  readonly byType: ReadonlyMap<string, number>;
  stop(): Promise<void>;
}

export async function startDuplicator(
  transport: RabbitTransport,
  random: Random,
  rate: number,
): Promise<Duplicator> {
  const seenTypes = new Map<string, (typeof SHOP_QUEUES)[number]["messages"][number]>();
  for (const q of SHOP_QUEUES)
    for (const m of q.messages) seenTypes.set(`${m.type}@${m.version}`, m);
  const tapQueue = queue("chaos.duplicator", { bindings: [...seenTypes.values()] });
  let seen = 0;
  let duplicated = 0;
  const byType = new Map<string, number>();
  let copying = true;
  const subscription: Subscription = await transport.consume(
    tapQueue,
    async (delivery) => {
      if (delivery.headers[DUPLICATE_HEADER] !== undefined || !copying) return ack;
      seen += 1;
      if (!random.chance(rate)) return ack;
      const { type } = JSON.parse(delivery.body.toString("utf8")) as { type: string };
      // Until the broker confirmed the copy, the original is not acked: a cut connection
      // redelivers it to the tap, which may copy it again (a third delivery: still a duplicate).
      await transport.publishRaw(type, delivery.body, { [DUPLICATE_HEADER]: "1" });
      duplicated += 1;
      byType.set(type, (byType.get(type) ?? 0) + 1);
      return ack;
    },
    { prefetch: 32 },
  );
  return {
    get seen() {
      return seen;
    },
    get duplicated() {
      return duplicated;
    },
    byType,
    stop: async () => {
      copying = false;
      await subscription.close();
    },
  };
}
