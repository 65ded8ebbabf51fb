import { fakeClock, sequentialIds } from "@shop/service-kit/test-fixtures";

export { fakeClock, sequentialIds };
import { randomUUID } from "node:crypto";
import { createMessage, orderCancelled, orderCompleted, orderRefunded } from "@shop/contracts";
import type { Actor } from "@shop/kernel";
import type { Product } from "../domain/product";
import type { Category, ProductDeps } from "../application/ports";
import type { CompletedOrder, SaleLine } from "../domain/sales";
import {
  InMemoryCategoryRepository,
  InMemoryProductRepository,
} from "../adapters/out/memory/repositories";
import { InMemoryStockCommandRunner } from "../adapters/out/memory/stock-command-runner";
import { InMemoryReadModels } from "../adapters/out/memory/read-models";

export const CATEGORIES: Category[] = [
  { slug: "kitchen", name: "Kitchen", description: "Pots, pans and pour-over stands" },
  { slug: "desk", name: "Desk", description: "Things for the desk" },
  { slug: "garden", name: "Garden", description: "Outdoors" },
];

export const T0 = new Date("2026-01-01T00:00:00.000Z");

/** Who asks, for the use cases that decide by it. */
export const ADMIN: Actor = { role: "admin", userId: "00000000-0000-4000-8000-00000000a001" };
export const SHOPPER: Actor = { role: "shopper", userId: "00000000-0000-4000-8000-00000000a002" };
export const VISITOR: Actor = { role: "visitor" };

let sequence = 0;

/** A valid, active product; every call gets a new id, slug and a later createdAt. */
export function aProduct(overrides: Partial<Product> = {}): Product {
  sequence += 1;
  const createdAt = overrides.createdAt ?? new Date(T0.getTime() + sequence * 60_000);
  return {
    id: randomUUID(),
    slug: `product-${sequence}-${randomUUID().slice(0, 8)}`,
    name: `Product ${sequence}`,
    description: "",
    categorySlug: "kitchen",
    priceCents: 1_000,
    stock: 5,
    image: null,
    status: "active",
    createdAt,
    updatedAt: createdAt,
    version: 1,
    ...overrides,
  };
}

/** The use cases' dependencies on the in-memory adapters, with a fake clock and sequential ids. */
export function memoryDeps(categories: Category[] = CATEGORIES) {
  const categoryRepo = new InMemoryCategoryRepository([...categories]);
  const products = new InMemoryProductRepository(categoryRepo);
  const clock = fakeClock(T0);
  // The projector, at once: every published product state goes to the read models and their
  // history, as the queue would deliver it (tests of late or repeated events call them directly).
  const readModels = new InMemoryReadModels();
  products.onPublish((state) => {
    readModels.history.push({ kind: "product", state });
    void readModels.applyProduct(state);
  });
  const deps = {
    products,
    categories: categoryRepo,
    saga: new InMemoryStockCommandRunner(products),
    catalog: readModels,
    sales: readModels,
    readModels,
    salesWindow: { days: 3, timeZone: "UTC" },
    clock,
    ids: sequentialIds(),
  } satisfies ProductDeps;
  return deps;
}

export type MemoryDeps = ReturnType<typeof memoryDeps>;

const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/**
 * Six products for listing tests, shared by the in-memory and the PostgreSQL tests so both
 * adapters are held to the same expectations. Newest first: kettle (archived), hose, notebook,
 * lamp, mug, stand. Ids make the two 1200-cent products tie on price with notebook first by id.
 */
export function listingCatalog(): Product[] {
  const p = (n: number, minutes: number, fields: Partial<Product>) =>
    aProduct({ id: idOf(n), createdAt: at(minutes), updatedAt: at(minutes), ...fields });
  return [
    p(1, 1, {
      slug: "stand",
      name: "Walnut Pour-Over Stand",
      categorySlug: "kitchen",
      priceCents: 4_500,
    }),
    p(4, 2, {
      slug: "mug",
      name: "Ceramic Mug",
      description: "Stoneware, holds 350 ml",
      categorySlug: "kitchen",
      priceCents: 1_200,
    }),
    p(3, 3, {
      slug: "lamp",
      name: "Desk Lamp",
      description: "Warm light on a WALNUT base",
      categorySlug: "desk",
      priceCents: 8_900,
    }),
    p(2, 4, { slug: "notebook", name: "Notebook", categorySlug: "desk", priceCents: 1_200 }),
    p(5, 5, { slug: "hose", name: "Garden Hose", categorySlug: "garden", priceCents: 3_000 }),
    p(6, 6, {
      slug: "kettle",
      name: "Old Kettle",
      categorySlug: "kitchen",
      priceCents: 2_500,
      status: "archived",
    }),
  ];
}

/** order.completed as order-service publishes it, for an order the projector is to count. */
export function orderCompletedEvent(order: CompletedOrder) {
  const lines = order.lines.map((l) => ({ ...l }));
  const total = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
  return createMessage(
    orderCompleted,
    {
      orderId: order.orderId,
      userId: randomUUID(),
      lines,
      subtotalCents: total,
      discountCents: 0,
      totalCents: total,
      couponId: null,
      placedAt: order.completedAt.toISOString(),
      completedAt: order.completedAt.toISOString(),
    },
    { correlationId: order.orderId },
  );
}

/**
 * Completed orders of the listing catalog's products, for the "popular" sort, shared by the
 * in-memory and the PostgreSQL tests. With a 3-day UTC window ending on `now`'s day: mug 3
 * (2 today, 1 the window's first day), notebook 2 and lamp 2 (a tie: notebook first by id), the
 * archived kettle 9; hose sold 5 three days and a minute ago, outside the window; stand nothing.
 * Popular order for a shopper: mug, notebook, lamp, then stand and hose (no units, by id).
 */
export function listingSales(now: Date) {
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const DAY = 24 * 60;
  const sale = (n: number, completedAt: Date, lines: [number, number][]) => {
    const order: CompletedOrder = {
      orderId: idOf(9_000 + n),
      completedAt,
      lines: lines.map(([product, quantity]) => ({
        productId: idOf(product),
        quantity,
        unitPriceCents: 1_000,
      })),
    };
    return { order, event: orderCompletedEvent(order) };
  };
  return [
    sale(1, now, [
      [4, 2],
      [2, 1],
    ]),
    sale(2, ago(DAY), [
      [3, 2],
      [2, 1],
      [6, 9],
    ]),
    sale(3, ago(2 * DAY), [[4, 1]]),
    sale(4, ago(3 * DAY + 1), [[5, 5]]),
  ];
}

/**
 * order.cancelled or order.refunded as order-service publishes it: these units of an order sold
 * at `soldAt` went back (each line's amount is its gross here: no coupon), completed at `at`.
 */
export function orderReturnEvent(
  kind: "cancelled" | "refunded",
  order: { orderId: string; soldAt: Date; lines: readonly SaleLine[] },
  at: Date = new Date(),
  refundId: string = randomUUID(),
) {
  const lines = order.lines.map((l) => ({ ...l, amountCents: l.quantity * l.unitPriceCents }));
  const requestedBy = randomUUID();
  return createMessage(
    kind === "cancelled" ? orderCancelled : orderRefunded,
    {
      orderId: order.orderId,
      refundId,
      userId: requestedBy,
      lines,
      amountCents: lines.reduce((sum, l) => sum + l.amountCents, 0),
      soldAt: order.soldAt.toISOString(),
      restocked: true,
      reason: kind === "cancelled" ? "Changed my mind" : "Arrived broken",
      requestedBy,
      requestedAt: at.toISOString(),
      completedAt: at.toISOString(),
    },
    { correlationId: refundId },
  );
}
