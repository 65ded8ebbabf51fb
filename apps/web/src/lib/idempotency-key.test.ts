import { describe, expect, it } from "vitest";
import { placeOrderInput } from "@shop/contracts";
import { newIdempotencyKey } from "./idempotency-key";

describe("newIdempotencyKey", () => {
  it("makes keys that orders.place accepts, a new one each time", () => {
    const keys = Array.from({ length: 1_000 }, newIdempotencyKey);
    for (const idempotencyKey of keys)
      expect(placeOrderInput.safeParse({ idempotencyKey }).success).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
