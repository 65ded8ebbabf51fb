import type { PublishFailure } from "./errors";

/*
 * InMemoryTransport's publisher confirms in "settled" mode. RabbitMQ confirms a message once it
 * is on disk; in one process memory is all there is, so a message is only safe once a consumer
 * has settled it (acked after its transaction committed, or dead-lettered): until then the
 * outbox row must stay unsent, or a crash loses the message. One MessageConfirm per published
 * message counts its copies (one per bound queue) down to zero.
 *
 * A copy that fails fails its message at once: the publisher need not wait for the other
 * copies, and those, when settled later, change nothing. The relay sends the message again;
 * the queues that already had it see a duplicate their inbox drops.
 */

export class MessageConfirm {
  private remaining: number;
  private done = false;
  private finish!: (failure: PublishFailure | undefined) => void;
  /** Undefined when every copy was settled; the failure of the first copy that failed. */
  readonly outcome = new Promise<PublishFailure | undefined>((resolve) => (this.finish = resolve));

  constructor(
    readonly messageId: string,
    copies: number,
    private readonly onDone: (confirm: MessageConfirm) => void,
  ) {
    this.remaining = copies;
  }

  /** One copy was acked or reached its dead-letter queue. */
  settled(): void {
    if (!this.done && --this.remaining === 0) this.end(undefined);
  }

  /** One copy is held by no consumer any more; it was removed from its queue. */
  failed(detail: string): void {
    if (!this.done) this.end({ messageId: this.messageId, reason: "rejected", detail });
  }

  private end(failure: PublishFailure | undefined): void {
    this.done = true;
    this.onDone(this);
    this.finish(failure);
  }
}

/** The confirms a transport still owes its publishers, so close() can fail them all. */
export class PendingConfirms {
  private readonly pending = new Set<MessageConfirm>();

  open(messageId: string, copies: number): MessageConfirm {
    const confirm = new MessageConfirm(messageId, copies, (c) => this.pending.delete(c));
    this.pending.add(confirm);
    return confirm;
  }

  failAll(detail: string): void {
    for (const confirm of [...this.pending]) confirm.failed(detail);
  }
}
