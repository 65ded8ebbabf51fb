import { MemoryTransactions } from "@shop/service-kit";
import { firstShortfall } from "../../../domain/availability";
import {
  restockTotals,
  type OrderLine,
  type OrderStock,
  type StockReply,
} from "../../../domain/reservation";
import type { CommandRunner, Handled, ReceivedMessage } from "@shop/kernel";
import type { ReservationStore } from "../../../application/ports";
import type { InMemoryProductRepository } from "./repositories";

/**
 * In-memory saga commands over the in-memory products, for use-case tests: one command at a
 * time (the transaction), an inbox, the orders' records and reservations, and the replies
 * "sent" (the outbox). A command that throws leaves nothing behind.
 */
export class InMemoryStockCommandRunner implements CommandRunner<ReservationStore, StockReply> {
  readonly inbox = new Set<string>();
  readonly orders = new Map<string, OrderStock>();
  readonly reservations = new Map<string, OrderLine[]>();
  /** Refund id -> the restock's order and lines (stock_restock). */
  readonly restocks = new Map<string, { orderId: string; lines: OrderLine[] }>();
  readonly sent: { command: ReceivedMessage; reply: StockReply }[] = [];
  private readonly tx = new MemoryTransactions(() => [
    this.products.rows,
    this.orders,
    this.reservations,
    this.restocks,
    this.inbox,
    this.sent,
  ]);

  constructor(private readonly products: InMemoryProductRepository) {}

  handle<R extends { reply: StockReply }>(
    command: ReceivedMessage,
    work: (store: ReservationStore) => Promise<R>,
  ): Promise<Handled<R>> {
    return this.tx.run(async (): Promise<Handled<R>> => {
      const key = `${command.consumer}/${command.messageId}`;
      if (this.inbox.has(key)) return { duplicate: true };
      const outcome = await work(this.store());
      this.inbox.add(key);
      this.sent.push({ command, reply: outcome.reply });
      return { duplicate: false, ...outcome };
    });
  }

  private store(): ReservationStore {
    const rows = this.products.rows;
    return {
      lockOrder: async (orderId) => this.orders.get(orderId) ?? null,
      takeLines: async (_orderId, lines, now) => {
        // Checked for every line before any moves: all or nothing, with no await in between.
        const shortfall = firstShortfall(lines, (id) => rows.get(id));
        if (shortfall) return shortfall;
        return {
          kind: "taken",
          lines: lines.map(({ productId, quantity }) => {
            const p = rows.get(productId)!;
            rows.set(productId, { ...p, stock: p.stock - quantity, updatedAt: now });
            return { productId, quantity, unitPriceCents: p.priceCents, name: p.name };
          }),
        };
      },
      returnLines: async (orderId, now) => {
        for (const { productId, quantity } of this.reservations.get(orderId) ?? []) {
          const p = rows.get(productId)!;
          rows.set(productId, {
            ...p,
            stock: p.stock + quantity,
            updatedAt: now,
          });
        }
      },
      restock: async (refundId, orderId, lines, now) => {
        if (this.restocks.has(refundId)) return "already";
        this.restocks.set(refundId, { orderId, lines: [...lines] });
        // Every product's status alike, past MAX_STOCK too (as the SQL store); unknown: skipped.
        for (const { productId, quantity } of restockTotals(lines)) {
          const p = rows.get(productId);
          if (!p) continue;
          // Published as the SQL store records it: a stock-changed event at the next version.
          this.products.publish("product.stock-changed", {
            ...p,
            stock: p.stock + quantity,
            updatedAt: now,
            version: p.version + 1,
          });
        }
        return "restocked";
      },
      saveOrder: async (record) => {
        this.orders.set(record.orderId, record);
        if (record.state === "reserved" && !this.reservations.has(record.orderId))
          this.reservations.set(
            record.orderId,
            record.answer.lines.map(({ productId, quantity }) => ({ productId, quantity })),
          );
      },
    };
  }
}
