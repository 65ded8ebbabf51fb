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
import type { CompletedOrder, Day } from "../../../domain/sales";
import { listOf } from "./repositories";

/**
 * The query side in memory, for use-case tests: the catalog view, the daily sales and the
 * event history of consumed orders, with the same rules as the SQL store (newer versions only,
 * one count per order id, rebuild = empty and replay).
 */
export class InMemoryReadModels implements CatalogView, SalesView, ReadModelStore {
  readonly catalog = new Map<string, ProductWithCategory>();
  /** "day|productId" -> units and revenue. */
  readonly sales = new Map<string, { units: number; revenueCents: number }>();
  /** What a rebuild replays: product states (recorded by the command side) and orders. */
  readonly history: HistoryEvent[] = [];
  private readonly ordersSeen = new Set<string>();

  private readonly writer: ReadModelWriter = {
    applyProduct: async (s) => this.apply(s),
    addSales: async (order, day) => this.add(order, day),
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
      const row = this.sales.get(key) ?? { units: 0, revenueCents: 0 };
      this.sales.set(key, {
        units: row.units + l.quantity,
        revenueCents: row.revenueCents + l.quantity * l.unitPriceCents,
      });
    }
  }

  async list(f: ProductFilter, salesDays: readonly Day[]) {
    const units = this.unitsOn(salesDays);
    return listOf(this.catalog.values(), f, (id) => units.get(id)?.units ?? 0);
  }

  /** Units and revenue per product over `days`. */
  private unitsOn(days: readonly Day[]) {
    const totals = new Map<string, { units: number; revenueCents: number }>();
    for (const [key, row] of this.sales) {
      const [day, productId] = key.split("|") as [Day, string];
      if (!days.includes(day)) continue;
      const t = totals.get(productId) ?? { units: 0, revenueCents: 0 };
      totals.set(productId, {
        units: t.units + row.units,
        revenueCents: t.revenueCents + row.revenueCents,
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
      if (product && (includeArchived || product.status === "active")) out.push({ product, ...t });
    }
    return out
      .sort((a, b) => b.units - a.units || a.product.id.localeCompare(b.product.id))
      .slice(0, limit);
  }

  async daily(days: readonly Day[], productIds: readonly string[]): Promise<DailyUnits[]> {
    const out: DailyUnits[] = [];
    for (const [key, row] of this.sales) {
      const [day, productId] = key.split("|") as [Day, string];
      if (days.includes(day) && productIds.includes(productId))
        out.push({ day, productId, units: row.units });
    }
    return out.sort((a, b) => a.day.localeCompare(b.day) || a.productId.localeCompare(b.productId));
  }
}
