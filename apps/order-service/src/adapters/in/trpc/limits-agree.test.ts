import { describe, expect, it } from "vitest";
import {
  cancelReasons,
  MAX_CART_QUANTITY as CONTRACT_MAX_QUANTITY,
  MAX_ORDER_LINES as CONTRACT_MAX_LINES,
} from "@shop/contracts";
import { MAX_CART_QUANTITY, MAX_ORDER_LINES } from "../../../domain/cart";
import { cancelReasonCodes } from "../../../domain/saga";
import { CANCEL_REASONS } from "./map";

describe("the contract and the domain agree", () => {
  it("on the cart's limits", () => {
    expect(MAX_CART_QUANTITY).toBe(CONTRACT_MAX_QUANTITY);
    expect(MAX_ORDER_LINES).toBe(CONTRACT_MAX_LINES);
  });

  it("every reason the saga can cancel with has a contract reason, and each of those is used", () => {
    const mapped = cancelReasonCodes.map((code) => CANCEL_REASONS[code]);
    for (const reason of mapped) expect(cancelReasons).toContain(reason);
    expect(new Set(mapped)).toEqual(new Set(cancelReasons));
  });
});
