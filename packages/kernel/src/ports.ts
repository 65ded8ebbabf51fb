/* Ports every service's use cases need. Adapters: service-kit (systemClock, randomIds), test
   fixtures: service-kit/test-fixtures (fakeClock, sequentialIds). */

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  next(): string;
}

/**
 * A message as a use case handles it: the inbox's key (the consumer, its queue, and the message
 * id) and the saga it belongs to (correlation id), which its reply answers.
 */
export interface ReceivedMessage {
  consumer: string;
  messageId: string;
  correlationId: string;
}

/** What handling a command once came to: a redelivery changed nothing; else the work's result. */
export type Handled<R> = { duplicate: true } | ({ duplicate: false } & R);

/**
 * How every saga participant handles a command: in one transaction, the command's inbox record,
 * `work` on the transaction's store, and the reply it returns in the outbox. A redelivery (the
 * inbox has it) runs nothing and sends nothing; a work that throws leaves nothing behind.
 */
export interface CommandRunner<Store, Reply> {
  handle<R extends { reply: Reply }>(
    command: ReceivedMessage,
    work: (store: Store) => Promise<R>,
  ): Promise<Handled<R>>;
}
