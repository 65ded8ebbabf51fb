/** Every error this package throws on purpose is one of these, so callers can tell them apart. */
export class MessagingError extends Error {
  override name = "MessagingError";
}

/** A queue or message definition that cannot be declared (bad name, duplicate binding). */
export class TopologyError extends MessagingError {
  override name = "TopologyError";
}

/** Handlers that do not match the queue they consume (missing or extra message types). */
export class HandlerRegistrationError extends MessagingError {
  override name = "HandlerRegistrationError";
}

/** Why one message of a batch was not confirmed by the broker. */
export interface PublishFailure {
  messageId: string;
  /**
   * "unroutable": no queue is bound to the type; "rejected": the broker nacked or the send
   * failed (in memory, with confirm "settled": no consumer held a copy until it was settled).
   */
  reason: "unroutable" | "rejected";
  detail: string;
}

/**
 * Some messages of a batch were not confirmed. The others were, so a caller (the relay) marks
 * those sent and retries only these.
 */
export class PublishError extends MessagingError {
  override name = "PublishError";
  constructor(readonly failures: readonly PublishFailure[]) {
    super(
      `${failures.length} message(s) not confirmed: ` +
        failures
          .slice(0, 3)
          .map((f) => `${f.messageId} ${f.reason} (${f.detail})`)
          .join("; "),
    );
  }
}

/** The outbox or inbox was called with something that cannot be inside the caller's transaction. */
export class OutboxError extends MessagingError {
  override name = "OutboxError";
}
