import { describe, expect, it } from "vitest";
import { TopologyError } from "./errors";
import { cardCharged, chargeCard } from "./test/messages";
import { queue, routingKeys } from "./topology";
import { defineMessage } from "@shop/contracts";
import { z } from "zod";

describe("queue", () => {
  it("names its dead-letter queue after itself and keeps the delivery limit", () => {
    const q = queue("payment-service.commands", { bindings: [chargeCard, cardCharged] });
    expect(q.deadLetter).toEqual({
      kind: "dead-letter",
      name: "payment-service.commands.dlq",
      of: "payment-service.commands",
    });
    expect(q.deliveryLimit).toBe(5);
    expect(routingKeys(q)).toEqual(["test.charge-card", "test.card-charged"]);
  });

  it("binds two versions of a type with one routing key", () => {
    const v2 = defineMessage({ type: chargeCard.type, version: 2, payload: z.object({}) });
    expect(routingKeys(queue("a.b", { bindings: [chargeCard, v2] }))).toEqual(["test.charge-card"]);
  });

  it.each([
    ["an upper-case name", "Payment.commands", [chargeCard]],
    ["a name ending in .dlq", "payment.dlq", [chargeCard]],
    ["a wildcard", "payment.#", [chargeCard]],
    ["no binding", "payment.commands", []],
    ["one type and version twice", "payment.commands", [chargeCard, chargeCard]],
  ])("refuses %s", (_, name, bindings) => {
    expect(() => queue(name, { bindings })).toThrow(TopologyError);
  });
});
