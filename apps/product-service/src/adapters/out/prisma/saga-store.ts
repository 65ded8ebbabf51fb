import { appendToOutbox, recordInbox } from "@shop/messaging";
import type { Clock } from "@shop/kernel";
import { productStockChanged } from "@shop/contracts";
import { MAX_STOCK } from "../../../domain/product";
import type { OrderLine, OrderStock, ReserveAnswer } from "../../../domain/reservation";
import type {
  CommandRef,
  HandledCommand,
  LinesTaken,
  ReservationStore,
  SagaCommands,
} from "../../../application/ports";
import type { StockReply } from "../../../domain/reservation";
import type { Prisma } from "../../../generated/prisma/client";
import { replyEnvelope } from "../replies";
import type { Db, Tx } from "./client";
import { guardedStockMove } from "./product-repository";
import { recordProductEvents } from "./product-events";

/*
 * A saga command's transaction: inbox record, the stock change with the order's reservation
 * and record, and the reply in the outbox commit together (@shop/messaging's recordInbox and
 * appendToOutbox on the same Prisma transaction); the outbox relay publishes the reply after
 * the commit. Every stock move also bumps the product's version and records its
 * product.stock-changed event (outbox and event history) on the same transaction, so the
 * catalog view's stock follows checkouts.
 */
export class PrismaSagaCommands implements SagaCommands {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  handle(
    command: CommandRef,
    work: (store: ReservationStore) => Promise<StockReply>,
  ): Promise<HandledCommand> {
    return this.db.$transaction(
      async (tx): Promise<HandledCommand> => {
        const { alreadyProcessed } = await recordInbox(tx, command);
        if (alreadyProcessed) return { duplicate: true };
        const reply = await work(new PrismaReservationStore(tx, command));
        await appendToOutbox(tx, [replyEnvelope(command, reply, this.clock.now())]);
        return { duplicate: false, reply };
        // A burst of orders for one product queues on its row lock (each move also records its
        // event): wait for a connection longer than Prisma's 2 s default rather than fail.
      },
      { maxWait: 10_000 },
    );
  }
}

class PrismaReservationStore implements ReservationStore {
  constructor(
    private readonly tx: Tx,
    private readonly command: CommandRef,
  ) {}

  /** The stock-changed events of a move, caused by the command, in the order's saga. */
  private stockChanged(productIds: string[], now: Date) {
    return recordProductEvents(this.tx, productStockChanged, productIds, now, {
      correlationId: this.command.correlationId,
      causationId: this.command.messageId,
    });
  }

  async lockOrder(orderId: string): Promise<OrderStock | null> {
    // A transaction-scoped advisory lock on the order id: it exists before the order's row
    // does. A hash collision between two orders only makes them wait for each other.
    await this.tx
      .$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`stock-order:${orderId}`}, 0))`;
    const row = await this.tx.orderStock.findUnique({ where: { orderId } });
    if (!row) return null;
    // The reply column holds what this adapter wrote (saveOrder); the CHECK keeps it for
    // reserved and rejected orders.
    const answer = row.reply as unknown as ReserveAnswer | null;
    return { orderId, state: row.state, answer } as OrderStock;
  }

  async takeLines(orderId: string, lines: readonly OrderLine[], now: Date): Promise<LinesTaken> {
    // Lines taken before a failing one are undone by rolling back to here; the command's
    // transaction goes on to record the rejection.
    await this.tx.$executeRawUnsafe("SAVEPOINT take_lines");
    for (const { productId, quantity } of lines) {
      const moved = await guardedStockMove(this.tx, productId, -quantity, now, {
        activeOnly: true,
      });
      if (moved === 0) {
        const row = await this.tx.product.findUnique({
          where: { id: productId },
          select: { stock: true, status: true },
        });
        await this.tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT take_lines");
        return !row || row.status !== "active"
          ? { kind: "unavailable", productId }
          : { kind: "short", productId, available: row.stock };
      }
    }
    await this.tx.$executeRawUnsafe("RELEASE SAVEPOINT take_lines");
    await this.stockChanged(
      lines.map((l) => l.productId),
      now,
    );
    // Every row is locked by this transaction now: the prices read are the ones reserved at.
    const rows = await this.tx.product.findMany({
      where: { id: { in: lines.map((l) => l.productId) } },
      select: { id: true, priceCents: true, name: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      kind: "taken",
      lines: lines.map(({ productId, quantity }) => {
        const row = byId.get(productId)!;
        return { productId, quantity, unitPriceCents: row.priceCents, name: row.name };
      }),
    };
  }

  async returnLines(orderId: string, now: Date): Promise<void> {
    const taken = await this.tx.stockReservation.findMany({
      where: { orderId },
      orderBy: { productId: "asc" },
    });
    // In product id order, like reserves, so a release and a reserve never deadlock. Never
    // refused: past MAX_STOCK (an admin added stock meanwhile) the stock stops at the bound.
    for (const { productId, quantity } of taken)
      await this.tx.$executeRaw`
        UPDATE product SET stock = LEAST(stock + ${quantity}, ${MAX_STOCK}), updated_at = ${now},
          version = version + 1
        WHERE id = ${productId}::uuid`;
    await this.stockChanged(
      taken.map((t) => t.productId),
      now,
    );
  }

  async saveOrder(record: OrderStock, now: Date): Promise<void> {
    const fields = {
      state: record.state,
      reply: (record.answer ?? undefined) as Prisma.InputJsonValue | undefined,
      updatedAt: now,
    };
    await this.tx.orderStock.upsert({
      where: { orderId: record.orderId },
      create: { orderId: record.orderId, ...fields, createdAt: now },
      update: fields,
    });
    if (record.state === "reserved" && record.answer.kind === "reserved")
      await this.tx.stockReservation.createMany({
        data: record.answer.lines.map(({ productId, quantity }) => ({
          orderId: record.orderId,
          productId,
          quantity,
        })),
        skipDuplicates: true,
      });
  }
}
