import "./zod-config";
import { z } from "zod";

/*
 * What every message between services looks like, and how a message type is defined. It lives
 * here, not in @shop/messaging, so message definitions sit with the other contracts and
 * contracts stay free of any broker client.
 */

/**
 * A message type name: lowercase dotted words, "<owner>.<what>" ("payment.pay",
 * "order.completed"). It is also the routing key, so it cannot contain topic wildcards.
 */
export const MESSAGE_TYPE = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/**
 * A W3C trace context as carried in an envelope: the `traceparent` and `tracestate` headers'
 * values (https://www.w3.org/TR/trace-context/). Only their size is checked here: a malformed
 * one is ignored by the consumer's propagator (it starts a new trace), never a reason to refuse
 * the message.
 */
export const traceContextSchema = z.object({
  traceparent: z.string().min(1).max(128),
  tracestate: z.string().max(512).optional(),
});

export type TraceContext = z.infer<typeof traceContextSchema>;

/** The envelope's fields; the payload is checked separately, against its type's definition. */
export const envelopeSchema = z.object({
  /** Unique per message; the inbox deduplicates on it. */
  messageId: z.uuid(),
  type: z.string().regex(MESSAGE_TYPE, "Not a message type name"),
  /** Schema version of the payload: a consumer may handle several versions of one type. */
  version: z.int().min(1),
  /** The saga (order) this message belongs to. */
  correlationId: z.string().min(1).max(200),
  /** The message that caused this one, if any (a reply names its command). */
  causationId: z.uuid().optional(),
  occurredAt: z.iso.datetime({ offset: true }),
  /**
   * The W3C trace context of the span that sent this message (OpenTelemetry), so its consumer's
   * span joins the same trace. Optional: absent when tracing is off, and in older messages.
   */
  trace: traceContextSchema.optional(),
  payload: z.unknown(),
});

export type Envelope<P = unknown> = Omit<z.infer<typeof envelopeSchema>, "payload"> & {
  payload: P;
};

export interface MessageDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  readonly version: number;
  /** The payload's schema; consumers validate every received payload against it. */
  readonly schema: S;
}

/** The payload type of a definition: `PayloadOf<typeof payPayment>`. */
export type PayloadOf<D extends MessageDefinition> = z.output<D["schema"]>;

/** A received (or created) message of a definition: the envelope with a typed payload. */
export type MessageOf<D extends MessageDefinition> = Envelope<PayloadOf<D>> & { type: D["type"] };

/** Defines a message type once; publishers and consumers share the definition. */
export function defineMessage<const T extends string, S extends z.ZodType>(definition: {
  type: T;
  version: number;
  payload: S;
}): MessageDefinition<T, S> {
  if (!MESSAGE_TYPE.test(definition.type))
    throw new Error(`Message type "${definition.type}" is not lowercase dotted words`);
  if (!Number.isInteger(definition.version) || definition.version < 1)
    throw new Error(`Message type "${definition.type}" needs an integer version >= 1`);
  return Object.freeze({
    type: definition.type,
    version: definition.version,
    schema: definition.payload,
  });
}

/** "payment.pay@1": how a definition is named in logs and dead-letter reasons. */
export const messageKey = (m: { type: string; version: number }) => `${m.type}@${m.version}`;

export interface CreateMessageOptions {
  correlationId: string;
  causationId?: string;
  /** Set only to make a message's id deterministic (tests, derived replies). */
  messageId?: string;
  occurredAt?: Date;
}

/**
 * A new envelope for a definition. The payload is parsed with the definition's schema, so a
 * sender fails at once on a payload its consumers would dead-letter.
 */
export function createMessage<D extends MessageDefinition>(
  definition: D,
  payload: z.input<D["schema"]>,
  options: CreateMessageOptions,
): MessageOf<D> {
  const envelope = {
    messageId: options.messageId ?? crypto.randomUUID(),
    type: definition.type,
    version: definition.version,
    correlationId: options.correlationId,
    ...(options.causationId === undefined ? {} : { causationId: options.causationId }),
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    payload: definition.schema.parse(payload),
  };
  return envelopeSchema.parse(envelope) as MessageOf<D>;
}

/**
 * A reply (or any follow-up) to a message: same saga (correlation id), caused by it (causation
 * id), so the orchestrator can match it to the step it answers. `to` is the message received or
 * what a handler kept of it (ReceivedMessage).
 */
export function createReply<D extends MessageDefinition>(
  to: { messageId: string; correlationId: string },
  definition: D,
  payload: z.input<D["schema"]>,
  occurredAt?: Date,
): MessageOf<D> {
  return createMessage(definition, payload, {
    correlationId: to.correlationId,
    causationId: to.messageId,
    ...(occurredAt ? { occurredAt } : {}),
  });
}
