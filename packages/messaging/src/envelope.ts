import { envelopeSchema, messageKey, type Envelope, type MessageDefinition } from "@shop/contracts";
import type { z } from "zod";

/*
 * Bytes <-> envelope. Decoding checks, in order, that the bytes are JSON, that they form an
 * envelope, that this consumer knows the type and version, and that the payload fits that
 * definition. A message failing any step can never succeed on a retry, so the consumer
 * dead-letters it at once with the step's reason.
 */

export const encodeEnvelope = (envelope: Envelope): Buffer =>
  Buffer.from(JSON.stringify(envelope), "utf8");

export type DeadReason =
  "invalid_json" | "invalid_envelope" | "unknown_message" | "invalid_payload";

export type Decoded =
  | { ok: true; message: Envelope; definition: MessageDefinition }
  | { ok: false; reason: DeadReason; detail: string };

/** Header values stay short; the first issues say enough to find the fault. */
const MAX_DETAIL = 500;

/** Paths and messages only: zod's messages do not quote the (possibly personal) values. */
const describeIssues = (error: z.ZodError): string =>
  error.issues
    .map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`)
    .join("; ")
    .slice(0, MAX_DETAIL);

export function decodeEnvelope(
  body: Buffer,
  lookup: (type: string, version: number) => MessageDefinition | undefined,
): Decoded {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch (err) {
    return {
      ok: false,
      reason: "invalid_json",
      detail: (err as Error).message.slice(0, MAX_DETAIL),
    };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success)
    return { ok: false, reason: "invalid_envelope", detail: describeIssues(envelope.error) };
  const definition = lookup(envelope.data.type, envelope.data.version);
  if (!definition)
    return {
      ok: false,
      reason: "unknown_message",
      detail: `No handler for ${messageKey(envelope.data)} on this queue`,
    };
  const payload = definition.schema.safeParse(envelope.data.payload);
  if (!payload.success)
    return {
      ok: false,
      reason: "invalid_payload",
      detail: `${messageKey(definition)}: ${describeIssues(payload.error)}`,
    };
  return { ok: true, message: { ...envelope.data, payload: payload.data }, definition };
}
