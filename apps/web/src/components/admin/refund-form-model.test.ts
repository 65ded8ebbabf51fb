import { describe, expect, it } from "vitest";
import { refundOrderInput } from "@shop/contracts";
import { refundErrorsOf, refundRequest } from "./refund-form-model";

const ORDER = "0d3c1f9a-2b7e-4f0e-8c1d-2a9e6b7c0003";
const A = "5b0e6c55-7f3f-4c57-9a35-7a4a0f3f0001";
const B = "5b0e6c55-7f3f-4c57-9a35-7a4a0f3f0002";

describe("refundRequest", () => {
  it("with no line chosen, asks for the whole order", () => {
    const r = refundRequest(ORDER, {
      quantities: { [A]: "", [B]: "0" },
      restock: true,
      reason: "Damaged",
    });
    expect(r).toEqual({
      ok: true,
      input: { orderId: ORDER, restock: true, reason: "Damaged" },
      productIds: [],
    });
    if (r.ok) expect(refundOrderInput.safeParse(r.input).success).toBe(true);
  });

  it("asks for the chosen lines, in the order it will name them in its errors", () => {
    const r = refundRequest(ORDER, {
      quantities: { [A]: " 2 ", [B]: "1" },
      restock: false,
      reason: "x",
    });
    expect(r.ok && r.input.lines).toEqual([
      { productId: A, quantity: 2 },
      { productId: B, quantity: 1 },
    ]);
    expect(r.ok && r.productIds).toEqual([A, B]);
  });

  it("refuses a box that holds no whole number, on that line", () => {
    expect(
      refundRequest(ORDER, { quantities: { [A]: "1.5", [B]: "1" }, restock: false, reason: "x" }),
    ).toEqual({ ok: false, errors: { lines: { [A]: "Enter a whole number" } } });
  });
});

describe("refundErrorsOf", () => {
  it("puts lines.<i> on the i-th line asked for, and the reason on the reason", () => {
    expect(
      refundErrorsOf(
        { "lines.1.quantity": ["Only 2 bought"], reason: ["Say why"] },
        [A, B],
        "Refused",
      ),
    ).toEqual({ lines: { [B]: "Only 2 bought" }, reason: "Say why" });
  });

  it("puts what the form has no place for on the form, and the message when nothing is placed", () => {
    expect(refundErrorsOf({ lines: ["Each product at most once"] }, [A], "Refused")).toEqual({
      lines: {},
      form: "Each product at most once",
    });
    expect(refundErrorsOf({ "lines.3.productId": ["Not on the order"] }, [A], "Refused")).toEqual({
      lines: {},
      form: "Not on the order",
    });
    expect(refundErrorsOf({}, [], "Everything was refunded already")).toEqual({
      lines: {},
      form: "Everything was refunded already",
    });
  });
});
