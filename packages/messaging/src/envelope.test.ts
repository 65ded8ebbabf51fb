import { describe, expect, it } from "vitest";
import { decodeEnvelope, encodeEnvelope } from "./envelope";
import { charge, chargeCard } from "./test/messages";

const lookup = (type: string, version: number) =>
  type === chargeCard.type && version === chargeCard.version ? chargeCard : undefined;
const decode = (value: unknown) =>
  decodeEnvelope(Buffer.from(typeof value === "string" ? value : JSON.stringify(value)), lookup);

describe("decodeEnvelope", () => {
  it("returns the envelope with its parsed payload and definition", () => {
    const message = charge(250);
    expect(decodeEnvelope(encodeEnvelope(message), lookup)).toEqual({
      ok: true,
      message,
      definition: chargeCard,
    });
  });

  it.each([
    ["invalid_json", "{nope"],
    ["invalid_envelope", { ...charge(), messageId: "42" }],
    ["invalid_envelope", { ...charge(), occurredAt: "yesterday" }],
    ["unknown_message", { ...charge(), type: "test.other" }],
    ["unknown_message", { ...charge(), version: 2 }],
    ["invalid_payload", { ...charge(), payload: { orderId: "o", amountCents: 0 } }],
  ])("says %s for %j", (reason, value) => {
    expect(decode(value)).toMatchObject({ ok: false, reason });
  });

  it("names the failing fields without quoting their values", () => {
    const result = decode({ ...charge(), payload: { orderId: "secret-value", amountCents: 1.5 } });
    expect(result).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^test\.charge-card@1: amountCents: /),
    });
    expect(JSON.stringify(result)).not.toContain("secret-value");
  });
});
