import { envelopeSchema, messageKey, type Envelope, type MessageDefinition } from "@shop/contracts";
import type { z } from "zod";
import { OutboxError } from "./errors";

/*
 * Bytes <-> envelope. Decoding checks, in order, that the bytes are JSON, that they form an
 * envelope, that this consumer knows the type and version, and that the payload fits that
 * definition. A message failing any step can never succeed on a retry, so the consumer
 * dead-letters it at once with the step's reason.
 */

export const encodeEnvelope = (envelope: Envelope): Buffer =>
  Buffer.from(JSON.stringify(envelope), "utf8");

/**
 * The outbox rows' parameter (a JSON array) of envelopes about to go into the outbox, each
 * checked as every consumer will check it (the shape, the size): a row that fails here would be
 * dead-lettered by every queue it reaches. Each is serialised once: the text whose size is
 * checked is the text sent.
 */
export const outboxRowsJson = (envelopes: readonly Envelope[]): string =>
  `[${envelopes.map(checkedJson).join(",")}]`;

function checkedJson(envelope: Envelope): string {
  const valid = envelopeSchema.parse(envelope);
  const json = JSON.stringify(valid);
  const size = Buffer.byteLength(json, "utf8");
  if (size > MAX_MESSAGE_BYTES)
    throw new OutboxError(
      `${valid.type} ${valid.messageId} is ${size} bytes; consumers refuse more than ${MAX_MESSAGE_BYTES}`,
    );
  return json;
}

export type DeadReason =
  | "oversized"
  | "invalid_json"
  | "invalid_envelope"
  | "unknown_type"
  | "unsupported_version"
  | "invalid_payload";

/**
 * The largest message a consumer reads (bytes). The shop's largest, an order's completion with
 * its lines, is a few kilobytes; anything near this is a fault, and parsing megabytes of JSON
 * on the consumer's thread would stall every message behind it. appendToOutbox refuses larger
 * ones, so no service of the shop ever sends one.
 */
export const MAX_MESSAGE_BYTES = 256 * 1024;

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
  /** Whether this queue takes any version of the type (tells unknown from unsupported). */
  knowsType: (type: string) => boolean = () => false,
): Decoded {
  if (body.length > MAX_MESSAGE_BYTES)
    return {
      ok: false,
      reason: "oversized",
      detail: `${body.length} bytes; a message may have at most ${MAX_MESSAGE_BYTES}`,
    };
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
      reason: knowsType(envelope.data.type) ? "unsupported_version" : "unknown_type",
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
