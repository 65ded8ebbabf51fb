import { describe, expect, it } from "vitest";
import { decodeEnvelope, encodeEnvelope, MAX_MESSAGE_BYTES, outboxRowsJson } from "./envelope";
import { charge, chargeCard } from "./test/messages";

const lookup = (type: string, version: number) =>
  type === chargeCard.type && version === chargeCard.version ? chargeCard : undefined;
const decode = (value: unknown) =>
  decodeEnvelope(
    Buffer.from(typeof value === "string" ? value : JSON.stringify(value)),
    lookup,
    (type) => type === chargeCard.type,
  );

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
    ["unknown_type", { ...charge(), type: "test.other" }],
    ["unsupported_version", { ...charge(), version: 2 }],
    ["invalid_payload", { ...charge(), payload: { orderId: "o", amountCents: 0 } }],
  ])("says %s for %j", (reason, value) => {
    expect(decode(value)).toMatchObject({ ok: false, reason });
  });

  it("says oversized for a message past the limit, before parsing it", () => {
    const big = {
      ...charge(),
      payload: { orderId: "x".repeat(MAX_MESSAGE_BYTES), amountCents: 1 },
    };
    expect(decode(big)).toMatchObject({ ok: false, reason: "oversized" });
    // A message just under the limit is read as usual.
    expect(
      decode({ ...charge(), payload: { orderId: "x".repeat(1000), amountCents: 1 } }),
    ).toMatchObject({ ok: true });
  });

  it("the outbox refuses what a consumer would refuse: no service sends an oversized message", () => {
    const big = {
      ...charge(),
      payload: { orderId: "x".repeat(MAX_MESSAGE_BYTES), amountCents: 1 },
    };
    expect(() => outboxRowsJson([big])).toThrow(/bytes; consumers refuse more than/);
    const fits = charge();
    expect(JSON.parse(outboxRowsJson([fits]))).toEqual([fits]);
  });

  it("serialises the outbox's rows once, as the checked envelopes, and refuses an oversized one among them", () => {
    const [a, b] = [charge(), charge(7)];
    expect(JSON.parse(outboxRowsJson([a, b]))).toEqual([a, b]);
    expect(outboxRowsJson([])).toBe("[]");
    const big = { ...a, payload: { orderId: "x".repeat(MAX_MESSAGE_BYTES), amountCents: 1 } };
    expect(() => outboxRowsJson([b, big])).toThrow(/bytes; consumers refuse more than/);
    expect(() => outboxRowsJson([{ ...a, messageId: "not-a-uuid" }])).toThrow();
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
