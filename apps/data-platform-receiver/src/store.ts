import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { PlatformOrder, PlatformOrderEvent } from "./order";

/*
 * What the receiver was sent: completed orders, and order events (cancellations, refunds), each
 * deduplicated by its own key. Every accepted POST is one JSON line appended to the data file
 * before it is answered (first deliveries and duplicates alike), so what the page shows
 * survives a restart: the file is read back at start. One process, synchronous appends: two
 * deliveries of one key can never both be "first".
 */

/** One line of the data file: an order's delivery that passed validation. */
export interface Delivery {
  key: string;
  receivedAt: string;
  duplicate: boolean;
  order: PlatformOrder;
}

/**
 * One line of the data file: an order event's delivery. Its `kind` tells it from an order's
 * (whose lines, written before there were events, have none).
 */
export interface EventDelivery {
  kind: "order-event";
  key: string;
  receivedAt: string;
  duplicate: boolean;
  event: PlatformOrderEvent;
}

/** An order as the platform keeps it: the first delivery's body, and how often it came. */
export interface ReceivedOrder {
  key: string;
  order: PlatformOrder;
  firstReceivedAt: string;
  lastReceivedAt: string;
  /** 1 for an order delivered once; every further delivery of its key is a duplicate. */
  deliveries: number;
}

/** An order event as the platform keeps it: the first delivery's body, and how often it came. */
export interface ReceivedOrderEvent {
  key: string;
  event: PlatformOrderEvent;
  firstReceivedAt: string;
  lastReceivedAt: string;
  deliveries: number;
}

export interface Summary {
  /** Distinct keys received. */
  orders: number;
  /** Deliveries of a key already received. */
  duplicates: number;
  last: Delivery | null;
}

export interface EventSummary {
  /** Distinct event ids received. */
  events: number;
  /** Deliveries of an event id already received. */
  duplicates: number;
  last: EventDelivery | null;
}

/** Deliveries of one kind, by key: the first one's body and the count (orders and events alike). */
class Ledger<B> {
  readonly byKey = new Map<
    string,
    { key: string; body: B; firstReceivedAt: string; lastReceivedAt: string; deliveries: number }
  >();
  duplicates = 0;

  has(key: string) {
    return this.byKey.has(key);
  }

  apply(key: string, receivedAt: string, body: B) {
    const known = this.byKey.get(key);
    if (known) {
      known.deliveries += 1;
      known.lastReceivedAt = receivedAt;
      this.duplicates += 1;
    } else {
      this.byKey.set(key, {
        key,
        body,
        firstReceivedAt: receivedAt,
        lastReceivedAt: receivedAt,
        deliveries: 1,
      });
    }
  }

  /** Newest first. */
  list() {
    return [...this.byKey.values()].reverse();
  }
}

export class ReceivedOrders {
  private readonly received = new Ledger<PlatformOrder>();
  private readonly receivedEvents = new Ledger<PlatformOrderEvent>();
  private last: Delivery | null = null;
  private lastEvent: EventDelivery | null = null;

  /** `file` null keeps everything in memory only (tests). */
  private constructor(private readonly file: string | null) {}

  /** Opens the data file (created on the first delivery) and replays what it holds. */
  static open(file: string | null): ReceivedOrders {
    const store = new ReceivedOrders(file);
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        if (!line.trim()) continue;
        const delivery = JSON.parse(line) as Delivery | EventDelivery;
        if ("kind" in delivery && delivery.kind === "order-event") store.applyEvent(delivery);
        else store.apply(delivery as Delivery);
      }
    }
    return store;
  }

  /** Records an order's delivery (written to the file first) and says whether its key came before. */
  record(key: string, order: PlatformOrder, at: Date): Delivery {
    const delivery: Delivery = {
      key,
      receivedAt: at.toISOString(),
      duplicate: this.received.has(key),
      order,
    };
    this.write(delivery);
    this.apply(delivery);
    return delivery;
  }

  /** Records an order event's delivery, as record does an order's. */
  recordEvent(key: string, event: PlatformOrderEvent, at: Date): EventDelivery {
    const delivery: EventDelivery = {
      kind: "order-event",
      key,
      receivedAt: at.toISOString(),
      duplicate: this.receivedEvents.has(key),
      event,
    };
    this.write(delivery);
    this.applyEvent(delivery);
    return delivery;
  }

  private write(delivery: Delivery | EventDelivery) {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, JSON.stringify(delivery) + "\n");
  }

  private apply(delivery: Delivery) {
    this.received.apply(delivery.key, delivery.receivedAt, delivery.order);
    this.last = delivery;
  }

  private applyEvent(delivery: EventDelivery) {
    this.receivedEvents.apply(delivery.key, delivery.receivedAt, delivery.event);
    this.lastEvent = delivery;
  }

  /** Every order received, newest first. */
  orders(): ReceivedOrder[] {
    return this.received.list().map(({ body, ...rest }) => ({ ...rest, order: body }));
  }

  /** Every order event received, newest first. */
  events(): ReceivedOrderEvent[] {
    return this.receivedEvents.list().map(({ body, ...rest }) => ({ ...rest, event: body }));
  }

  summary(): Summary {
    return {
      orders: this.received.byKey.size,
      duplicates: this.received.duplicates,
      last: this.last,
    };
  }

  eventSummary(): EventSummary {
    return {
      events: this.receivedEvents.byKey.size,
      duplicates: this.receivedEvents.duplicates,
      last: this.lastEvent,
    };
  }
}
