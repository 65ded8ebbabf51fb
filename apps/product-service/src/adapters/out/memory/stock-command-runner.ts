import { MemoryTransactions } from "@shop/service-kit";
import { firstShortfall } from "../../../domain/availability";
import type { OrderLine, OrderStock, StockReply } from "../../../domain/reservation";
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
  readonly sent: { command: ReceivedMessage; reply: StockReply }[] = [];
  private readonly tx = new MemoryTransactions(() => [
    this.products.rows,
    this.orders,
    this.reservations,
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
