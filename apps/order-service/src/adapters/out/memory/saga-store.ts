import { MemoryTransactions } from "@shop/service-kit";
import type { Envelope } from "@shop/contracts";
import type { Decision, SagaLogEntry, SagaState } from "../../../domain/saga";
import type {
  CreateOutcome,
  NewOrder,
  OrderFilter,
  OrderPosition,
  OrderRecord,
  OrderStateRecord,
  OrderSummaryRecord,
  SagaStore,
  SaveOptions,
  SaveOutcome,
  RunningSaga,
} from "../../../application/ports";
import { decisionMessages } from "../messaging/commands";
import { isSettled, orderLinesOf } from "../../../domain/saga";
import { orderColumns } from "../saga-columns";
import type { InMemoryCartStore } from "./cart-store";

/**
 * The lists' order, as PostgreSQL sorts `placed_at DESC, id DESC`: negative when `a` comes
 * first. Ids compare by code unit, not localeCompare: PostgreSQL orders a uuid by its bytes,
 * which is the order of its lowercase hex text.
 */
function newestFirst(a: OrderPosition, b: OrderPosition): number {
  const byTime = b.placedAt.getTime() - a.placedAt.getTime();
  if (byTime !== 0) return byTime;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/*
 * The store in memory, for use-case tests. It keeps the PostgreSQL adapter's promises by brute
 * force: transactions run one at a time, one that throws is undone (the state is restored from
 * a copy taken when it began), and a save checks the version it was decided from exactly like
 * the conditional UPDATE does. Commands become envelopes through the same adapter, so a command
 * that breaks its contract fails here too.
 */

type StoredOrder = OrderRecord & { idempotencyKey: string; cartVersion: number | null };

interface State {
  orders: Map<string, StoredOrder>;
  sagas: Map<string, SagaState>;
  /** When each saga's row was last written (ms): the pg store's updated_at. */
  changedAt: Map<string, number>;
  log: Map<string, SagaLogEntry[]>;
  inbox: Set<string>;
  outbox: Envelope[];
}

const emptyState = (): State => ({
  orders: new Map(),
  sagas: new Map(),
  changedAt: new Map(),
  log: new Map(),
  inbox: new Set(),
  outbox: [],
});

class Stale extends Error {}

export class InMemorySagaStore implements SagaStore {
  private readonly state = emptyState();
  private readonly tx = new MemoryTransactions(() => [this.state]);

  /** `cart`: the carts that placing an order takes its lines from. */
  constructor(private readonly cart?: InMemoryCartStore) {}

  /** Messages committed to the outbox so far, in order: what the relay would publish. */
  get sent(): readonly Envelope[] {
    return this.state.outbox;
  }

  private transaction<T>(work: (s: State) => T): Promise<T> {
    return this.tx.run(() => work(this.state));
  }

  create(order: NewOrder, started: Decision): Promise<CreateOutcome> {
    return this.transaction((s) => {
      const inPlace = (o: StoredOrder) =>
        o.userId === order.userId &&
        (o.idempotencyKey === order.idempotencyKey ||
          (order.cartVersion !== null && o.cartVersion === order.cartVersion));
      // As the statement's conditional UPDATE of the cart: it moves on even if no order follows.
      const current =
        order.cartVersion === null || this.cart?.moveOn(order.userId, order.cartVersion);
      const existing = [...s.orders.values()].find(inPlace);
      if (existing) return { kind: "existing", orderId: existing.id };
      if (!current) return { kind: "cart_changed" };
      if (s.orders.has(order.orderId)) throw new Error(`unique violation: order ${order.orderId}`);
      const columns = orderColumns(started.state);
      s.orders.set(order.orderId, {
        id: order.orderId,
        userId: order.userId,
        idempotencyKey: order.idempotencyKey,
        cartVersion: order.cartVersion,
        couponId: order.couponId,
        placedAt: order.placedAt,
        traceId: order.traceId ?? null,
        ...columns,
        lines: orderLinesOf(started.state),
      });
      this.write(s, null, started, { now: order.placedAt });
      if (order.cartVersion !== null) this.cart?.clear(order.userId);
      return { kind: "created", orderId: order.orderId };
    });
  }

  async load(orderId: string): Promise<SagaState | null> {
    const saga = this.state.sagas.get(orderId);
    return saga ? structuredClone(saga) : null;
  }

  async save(from: SagaState, decision: Decision, options: SaveOptions): Promise<SaveOutcome> {
    try {
      return await this.transaction((s) => {
        if (options.reply) {
          const key = `${options.reply.consumer}\u0000${options.reply.messageId}`;
          if (s.inbox.has(key)) return "duplicate";
          s.inbox.add(key);
        }
        const current = s.sagas.get(from.orderId);
        if (!current || current.version !== from.version) throw new Stale();
        if (decision.state !== from) this.write(s, from, decision, options);
        return "saved";
      });
    } catch (e) {
      if (e instanceof Stale) return "stale";
      throw e;
    }
  }

  overdue(now: Date, limit: number, tick: (state: SagaState) => Decision): Promise<number> {
    return this.tickAll(
      (saga) => saga.deadline !== null && Date.parse(saga.deadline) <= now.getTime(),
      now,
      limit,
      tick,
    );
  }

  waitingSince(
    before: Date,
    now: Date,
    limit: number,
    tick: (state: SagaState) => Decision,
  ): Promise<number> {
    return this.tickAll(
      (saga, changedAt) => saga.deadline !== null && changedAt < before.getTime(),
      now,
      limit,
      tick,
    );
  }

  /** The sagas `due` picks, oldest deadline first, up to `limit`, ticked in one transaction. */
  private tickAll(
    due: (saga: SagaState, changedAt: number) => boolean,
    now: Date,
    limit: number,
    tick: (state: SagaState) => Decision,
  ): Promise<number> {
    return this.transaction((s) => {
      const picked = [...s.sagas.values()]
        .filter((saga) => due(saga, s.changedAt.get(saga.orderId) ?? 0))
        .sort((a, b) => Date.parse(a.deadline ?? "") - Date.parse(b.deadline ?? ""))
        .slice(0, limit);
      let changed = 0;
      for (const saga of picked) {
        const from = structuredClone(saga);
        const decision = tick(from);
        if (decision.state === from) continue;
        this.write(s, from, decision, { now });
        changed += 1;
      }
      return changed;
    });
  }

  async order(orderId: string): Promise<OrderRecord | null> {
    const found = this.state.orders.get(orderId);
    if (!found) return null;
    const { idempotencyKey: _key, cartVersion: _version, ...order } = structuredClone(found);
    return order;
  }

  async orderFromCart(userId: string, cartVersion: number) {
    const found = [...this.state.orders.values()].find(
      (o) => o.userId === userId && o.cartVersion === cartVersion,
    );
    return found ? { orderId: found.id, placedAt: found.placedAt } : null;
  }

  async orderIdByKey(userId: string, idempotencyKey: string): Promise<string | null> {
    const found = [...this.state.orders.values()].find(
      (o) => o.userId === userId && o.idempotencyKey === idempotencyKey,
    );
    return found?.id ?? null;
  }

  async orders(filter: OrderFilter): Promise<OrderSummaryRecord[]> {
    const { before } = filter;
    return [...this.state.orders.values()]
      .filter(
        (o) =>
          (!filter.userId || o.userId === filter.userId) &&
          (!filter.status || o.status === filter.status) &&
          (!before || newestFirst(o, before) > 0),
      )
      .sort(newestFirst)
      .slice(0, filter.limit)
      .map(({ lines, idempotencyKey: _key, cartVersion: _version, traceId: _trace, ...o }) => ({
        ...structuredClone(o),
        itemCount: lines.reduce((n, l) => n + l.quantity, 0),
      }));
  }

  async running(limit: number): Promise<{ total: number; sagas: RunningSaga[] }> {
    const all = [...this.state.sagas.values()]
      .filter((saga) => !isSettled(saga))
      .map((saga) => ({
        orderId: saga.orderId,
        status: saga.status,
        step: saga.step,
        deadline: saga.deadline === null ? null : new Date(saga.deadline),
        placedAt: (this.state.orders.get(saga.orderId) as StoredOrder).placedAt,
        updatedAt: new Date(this.state.changedAt.get(saga.orderId) ?? 0),
      }))
      .sort(
        (a, b) => a.placedAt.getTime() - b.placedAt.getTime() || a.orderId.localeCompare(b.orderId),
      );
    return { total: all.length, sagas: structuredClone(all.slice(0, limit)) };
  }

  async states(orderIds: readonly string[]): Promise<OrderStateRecord[]> {
    return orderIds.flatMap((id) => {
      const order = this.state.orders.get(id);
      if (!order) return [];
      return [{ id, status: order.status, updatedAt: new Date(this.state.changedAt.get(id) ?? 0) }];
    });
  }

  async log(orderId: string): Promise<SagaLogEntry[]> {
    return structuredClone(this.state.log.get(orderId) ?? []);
  }

  /** The decision's rows: saga (version checked by the caller), log, order, outbox. */
  private write(s: State, from: SagaState | null, decision: Decision, options: SaveOptions) {
    const next = decision.state;
    if (next.version !== (from?.version ?? 0) + 1)
      throw new Error(`saga ${next.orderId}: version ${next.version} after ${from?.version ?? 0}`);
    // Before anything is written: as in the pg store, a decision that cannot be sent writes nothing.
    const sent = decisionMessages(
      decision,
      structuredClone(next.log.slice(from?.log.length ?? 0)),
      {
        now: options.now,
        causationId: options.reply?.messageId,
      },
    );
    s.sagas.set(next.orderId, structuredClone(next));
    s.changedAt.set(next.orderId, options.now.getTime());
    const log = s.log.get(next.orderId) ?? [];
    log.push(...sent.log);
    s.log.set(next.orderId, log);
    const order = s.orders.get(next.orderId);
    if (!order) throw new Error(`saga ${next.orderId} has no order`);
    Object.assign(order, orderColumns(next), { lines: orderLinesOf(next) });
    if (
      order.totalCents !== null &&
      order.totalCents !== (order.subtotalCents ?? 0) - order.discountCents
    )
      throw new Error("check violation: orders_total_is_subtotal_minus_discount");
    if ((order.status === "CANCELLED") !== (order.reasonCode !== null))
      throw new Error("check violation: orders_reason_when_cancelled");
    const refunds = orderColumns(next);
    if (refunds.refundedCents + refunds.refundingCents > (order.totalCents ?? 0))
      throw new Error("check violation: orders_refunds_within_total");
    s.outbox.push(...sent.messages);
  }
}
