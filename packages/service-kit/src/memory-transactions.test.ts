import { describe, expect, it } from "vitest";
import { MemoryTransactions } from "./memory-transactions";

describe("MemoryTransactions", () => {
  it("undoes every change of a transaction that throws, in place", async () => {
    const rows = new Map([["a", { stock: 5 }]]);
    const seen = new Set(["m1"]);
    const sent = ["r1"];
    const totals: Record<string, number> = { a: 5 };
    const tx = new MemoryTransactions(() => [rows, seen, sent, totals]);

    await expect(
      tx.run(() => {
        rows.get("a")!.stock = 0;
        rows.set("b", { stock: 1 });
        seen.add("m2");
        sent.push("r2");
        totals.a = 0;
        totals.b = 1;
        throw new Error("the change fails halfway");
      }),
    ).rejects.toThrow("the change fails halfway");

    expect([...rows]).toEqual([["a", { stock: 5 }]]);
    expect([...seen]).toEqual(["m1"]);
    expect(sent).toEqual(["r1"]);
    expect(totals).toEqual({ a: 5 });
  });

  it("keeps what a transaction that returns changed", async () => {
    const sent: string[] = [];
    const tx = new MemoryTransactions(() => [sent]);
    await expect(tx.run(async () => sent.push("r1"))).resolves.toBe(1);
    expect(sent).toEqual(["r1"]);
  });

  it("runs one transaction at a time, in the order asked, even when one throws", async () => {
    const order: string[] = [];
    const tx = new MemoryTransactions(() => [order]);
    const slow = tx.run(async () => {
      order.push("first starts");
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push("first ends");
      throw new Error("first fails");
    });
    const fast = tx.run(() => order.push("second"));
    await expect(slow).rejects.toThrow("first fails");
    await fast;
    // The first's changes were undone before the second began.
    expect(order).toEqual(["second"]);
  });
});
