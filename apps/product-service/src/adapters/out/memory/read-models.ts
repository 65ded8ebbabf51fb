import type {
  CatalogView,
  DailyUnits,
  HistoryEvent,
  ProductFilter,
  ProductSales,
  ProductState,
  ProductWithCategory,
  ReadModelStore,
  ReadModelWriter,
  SalesView,
} from "../../../application/ports";
import { netOf, type CompletedOrder, type Day, type ReturnedSale } from "../../../domain/sales";
import { listOf } from "./repositories";

/** A day's sales of a product: sold and returned, both only ever added to (as the SQL row). */
interface DayRow {
  units: number;
  revenueCents: number;
  returnedUnits: number;
  returnedRevenueCents: number;
}

const EMPTY: DayRow = { units: 0, revenueCents: 0, returnedUnits: 0, returnedRevenueCents: 0 };

/**
 * The query side in memory, for use-case tests: the catalog view, the daily sales and the
 * event history of consumed orders, with the same rules as the SQL store (newer versions only,
 * one count per order id, one return per message id and refund id, net = netOf per day,
 * rebuild = empty and replay).
 */
export class InMemoryReadModels implements CatalogView, SalesView, ReadModelStore {
  readonly catalog = new Map<string, ProductWithCategory>();
  /** "day|productId" -> units and revenue sold, and returned. */
  readonly sales = new Map<string, DayRow>();
  /** What a rebuild replays: product states (recorded by the command side) and orders. */
  readonly history: HistoryEvent[] = [];
  private readonly ordersSeen = new Set<string>();
  /** Message ids and refund ids of the returns recorded. */
  private readonly returnsSeen = new Set<string>();

  private readonly writer: ReadModelWriter = {
    applyProduct: async (s) => this.apply(s),
    addSales: async (order, day) => this.add(order, day),
    addReturns: async (returned, day) => this.addReturned(returned, day),
  };

  private apply(s: ProductState): boolean {
    const held = this.catalog.get(s.id);
    if (held && held.version >= s.version) return false;
    this.catalog.set(s.id, { ...s });
    return true;
  }

  private add(order: CompletedOrder, day: Day) {
    for (const l of order.lines) {
      const key = `${day}|${l.productId}`;
      const row = this.sales.get(key) ?? EMPTY;
      this.sales.set(key, {
        ...row,
        units: row.units + l.quantity,
        revenueCents: row.revenueCents + l.quantity * l.unitPriceCents,
      });
    }
  }

  private addReturned(returned: ReturnedSale, day: Day) {
    for (const l of returned.lines) {
      const key = `${day}|${l.productId}`;
      const row = this.sales.get(key) ?? EMPTY;
      this.sales.set(key, {
        ...row,
        returnedUnits: row.returnedUnits + l.quantity,
        returnedRevenueCents: row.returnedRevenueCents + l.quantity * l.unitPriceCents,
      });
    }
  }

  /** A day row as the readers count it: net of returns, and what was returned of its sales. */
  private static net(row: DayRow) {
    const units = netOf(row.units, row.returnedUnits);
    const revenueCents = netOf(row.revenueCents, row.returnedRevenueCents);
    return {
      units,
      revenueCents,
      returnedUnits: row.units - units,
      returnedRevenueCents: row.revenueCents - revenueCents,
    };
  }

  async list(f: ProductFilter, salesDays: readonly Day[]) {
    const units = this.unitsOn(salesDays);
    return listOf(this.catalog.values(), f, (id) => units.get(id)?.units ?? 0);
  }

  /** Net units and revenue (and what was returned) per product over `days`. */
  private unitsOn(days: readonly Day[]) {
    const totals = new Map<string, DayRow>();
    for (const [key, row] of this.sales) {
      const [day, productId] = key.split("|") as [Day, string];
      if (!days.includes(day)) continue;
      const t = totals.get(productId) ?? EMPTY;
      const n = InMemoryReadModels.net(row);
      totals.set(productId, {
        units: t.units + n.units,
        revenueCents: t.revenueCents + n.revenueCents,
        returnedUnits: t.returnedUnits + n.returnedUnits,
        returnedRevenueCents: t.returnedRevenueCents + n.returnedRevenueCents,
      });
    }
    return totals;
  }
  async findById(id: string) {
    return this.catalog.get(id) ?? null;
  }
  async findBySlug(slug: string) {
    return [...this.catalog.values()].find((p) => p.slug === slug) ?? null;
  }

  async applyProduct(state: ProductState) {
    return this.apply(state);
  }

  async recordCompletedOrder(order: CompletedOrder, _event: unknown, day: Day) {
    if (this.ordersSeen.has(order.orderId)) return "duplicate" as const;
    this.ordersSeen.add(order.orderId);
    this.history.push({ kind: "order-completed", order });
    this.add(order, day);
    return "counted" as const;
  }

  async recordReturn(returned: ReturnedSale, event: unknown, day: Day) {
    const { messageId } = event as { messageId: string };
    const keys = [`message:${messageId}`, `refund:${returned.refundId}`];
    if (keys.some((k) => this.returnsSeen.has(k))) return "duplicate" as const;
    for (const k of keys) this.returnsSeen.add(k);
    this.history.push({ kind: "order-returned", returned });
    this.addReturned(returned, day);
    return "counted" as const;
  }

  async rebuild(apply: (event: HistoryEvent, writer: ReadModelWriter) => Promise<void>) {
    this.catalog.clear();
    this.sales.clear();
    for (const event of this.history) await apply(event, this.writer);
    return { events: this.history.length };
  }

  async top(days: readonly Day[], limit: number, includeArchived: boolean) {
    const out: ProductSales[] = [];
    for (const [productId, t] of this.unitsOn(days)) {
      const product = this.catalog.get(productId);
      if (t.units > 0 && product && (includeArchived || product.status === "active"))
        out.push({ product, ...t });
    }
    return out
      .sort((a, b) => b.units - a.units || a.product.id.localeCompare(b.product.id))
      .slice(0, limit);
  }

  async daily(days: readonly Day[], productIds: readonly string[]): Promise<DailyUnits[]> {
    const out: DailyUnits[] = [];
    for (const [key, row] of this.sales) {
      const [day, productId] = key.split("|") as [Day, string];
      const { units } = InMemoryReadModels.net(row);
      if (units > 0 && days.includes(day) && productIds.includes(productId))
        out.push({ day, productId, units });
    }
    return out.sort((a, b) => a.day.localeCompare(b.day) || a.productId.localeCompare(b.productId));
  }
}
