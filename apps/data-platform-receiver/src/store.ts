import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { PlatformOrder } from "./order";

/*
 * What the receiver was sent. Every accepted POST is one JSON line appended to the data file
 * before it is answered (first deliveries and duplicates alike), so what the page shows
 * survives a restart: the file is read back at start. One process, synchronous appends: two
 * deliveries of one key can never both be "first".
 */

/** One line of the data file: a delivery that passed validation. */
export interface Delivery {
  key: string;
  receivedAt: string;
  duplicate: boolean;
  order: PlatformOrder;
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

export interface Summary {
  /** Distinct keys received. */
  orders: number;
  /** Deliveries of a key already received. */
  duplicates: number;
  last: Delivery | null;
}

export class ReceivedOrders {
  private readonly byKey = new Map<string, ReceivedOrder>();
  private duplicates = 0;
  private last: Delivery | null = null;

  /** `file` null keeps everything in memory only (tests). */
  private constructor(private readonly file: string | null) {}

  /** Opens the data file (created on the first delivery) and replays what it holds. */
  static open(file: string | null): ReceivedOrders {
    const store = new ReceivedOrders(file);
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        if (!line.trim()) continue;
        store.apply(JSON.parse(line) as Delivery);
      }
    }
    return store;
  }

  /** Records a delivery (written to the file first) and says whether its key came before. */
  record(key: string, order: PlatformOrder, at: Date): Delivery {
    const delivery: Delivery = {
      key,
      receivedAt: at.toISOString(),
      duplicate: this.byKey.has(key),
      order,
    };
    if (this.file) {
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, JSON.stringify(delivery) + "\n");
    }
    this.apply(delivery);
    return delivery;
  }

  private apply(delivery: Delivery) {
    const known = this.byKey.get(delivery.key);
    if (known) {
      known.deliveries += 1;
      known.lastReceivedAt = delivery.receivedAt;
      this.duplicates += 1;
    } else {
      this.byKey.set(delivery.key, {
        key: delivery.key,
        order: delivery.order,
        firstReceivedAt: delivery.receivedAt,
        lastReceivedAt: delivery.receivedAt,
        deliveries: 1,
      });
    }
    this.last = delivery;
  }

  /** Every order received, newest first. */
  orders(): ReceivedOrder[] {
    return [...this.byKey.values()].reverse();
  }

  summary(): Summary {
    return { orders: this.byKey.size, duplicates: this.duplicates, last: this.last };
  }
}
