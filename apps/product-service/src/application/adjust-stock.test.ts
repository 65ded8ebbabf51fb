import { beforeEach, describe, expect, it } from "vitest";
import { adjustStock } from "./adjust-stock";
import { aProduct, memoryDeps, T0, type MemoryDeps } from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";
import type { Product } from "../domain/product";

describe("adjustStock", () => {
  let deps: MemoryDeps;
  let mug: Product;
  beforeEach(async () => {
    deps = memoryDeps();
    mug = aProduct({ stock: 5, createdAt: T0, updatedAt: T0 });
    await deps.products.insert(mug);
    deps.clock.advance(1_000);
  });

  it("adds and removes stock", async () => {
    const added = valueOf(await adjustStock(deps, mug.id, 3));
    expect(added.stock).toBe(8);
    expect(added.updatedAt).toEqual(new Date(T0.getTime() + 1_000));
    expect(valueOf(await adjustStock(deps, mug.id, -6)).stock).toBe(2);
    expect(deps.products.rows.get(mug.id)?.stock).toBe(2);
  });

  it("never goes above the maximum: a field error on the change", async () => {
    const error = errorOf(await adjustStock(deps, mug.id, 999_996), "VALIDATION_FAILED");
    expect(error.fieldErrors.delta?.[0]).toMatch(/cannot exceed 1,000,000/);
    expect(valueOf(await adjustStock(deps, mug.id, 999_995)).stock).toBe(1_000_000);
  });

  it("can take stock down to exactly zero", async () => {
    expect(valueOf(await adjustStock(deps, mug.id, -5)).stock).toBe(0);
  });

  it("never goes below zero: reports what is available and what was asked", async () => {
    const error = errorOf(await adjustStock(deps, mug.id, -6), "INSUFFICIENT_STOCK");
    expect(error).toEqual({ code: "INSUFFICIENT_STOCK", available: 5, requested: 6 });
    expect(deps.products.rows.get(mug.id)?.stock).toBe(5);
  });

  it("refuses once the stock is gone, after earlier moves succeeded", async () => {
    const outcomes = [];
    for (let i = 0; i < 8; i++) outcomes.push((await adjustStock(deps, mug.id, -1)).ok);
    expect(outcomes.filter(Boolean)).toHaveLength(5);
    expect(deps.products.rows.get(mug.id)?.stock).toBe(0);
  });

  it("answers NOT_FOUND for an unknown id", async () => {
    const id = "00000000-0000-4000-8000-00000000ffff";
    expect(errorOf(await adjustStock(deps, id, 1), "NOT_FOUND").message).toContain(id);
  });
});
