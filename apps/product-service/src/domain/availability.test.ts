import { describe, expect, it } from "vitest";
import { firstShortfall, lineShortfall } from "./availability";

const active = (stock: number) => ({ status: "active" as const, stock });

describe("lineShortfall", () => {
  it("takes a line the stock covers exactly", () => {
    expect(lineShortfall({ productId: "p", quantity: 3 }, active(3))).toBeNull();
  });

  it("calls a line short by what is on hand", () => {
    expect(lineShortfall({ productId: "p", quantity: 4 }, active(3))).toEqual({
      kind: "short",
      productId: "p",
      available: 3,
    });
  });

  it("calls a missing or archived product unavailable, whatever its stock", () => {
    const unavailable = { kind: "unavailable", productId: "p" };
    expect(lineShortfall({ productId: "p", quantity: 1 }, undefined)).toEqual(unavailable);
    expect(
      lineShortfall({ productId: "p", quantity: 1 }, { status: "archived", stock: 50 }),
    ).toEqual(unavailable);
  });
});

describe("firstShortfall", () => {
  it("answers the first failing line in the order given", () => {
    const stock = new Map([
      ["a", active(5)],
      ["b", active(0)],
    ]);
    const lines = [
      { productId: "a", quantity: 5 },
      { productId: "c", quantity: 1 },
      { productId: "b", quantity: 1 },
    ];
    expect(firstShortfall(lines, (id) => stock.get(id))).toEqual({
      kind: "unavailable",
      productId: "c",
    });
    expect(firstShortfall(lines.slice(0, 1), (id) => stock.get(id))).toBeNull();
  });
});
