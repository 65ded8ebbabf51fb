export {
  createMessage,
  createReply,
  defineMessage,
  envelopeSchema,
  type QueueContract,
  type Envelope,
  type MessageDefinition,
  type MessageOf,
  type PayloadOf,
} from "@shop/contracts";
export type { Handled, ReceivedMessage } from "@shop/kernel";
export { pgCommandRunner, runCommandOnce, type CommandWork } from "./command-runner";
export {
  consumeMessages,
  defaultRetryDelayMs,
  handler,
  type ConsumeMessagesOptions,
  type HandlerContext,
  type MessageHandler,
  type Registration,
} from "./consumer";
export { decodeEnvelope, encodeEnvelope, type DeadReason, type Decoded } from "./envelope";
export {
  HandlerRegistrationError,
  MessagingError,
  OutboxError,
  PublishError,
  TopologyError,
  type PublishFailure,
} from "./errors";
export { pruneInbox, recordInbox, type InboxKey } from "./inbox";
export type { Log } from "./log";
export { InMemoryTransport, type InMemoryTransportOptions } from "./memory-transport";
export { DEAD_LETTERS_MIGRATION_SQL, MESSAGING_MIGRATION_SQL } from "./migration";
export { appendToOutbox, OUTBOX_CHANNEL } from "./outbox";
export {
  inboxInsert,
  isInboxDuplicate,
  outboxInsert,
  outboxJson,
  outboxNotify,
} from "./one-statement";
export {
  createOutboxPool,
  sagaMessaging,
  startParticipant,
  type Broker,
  type Consumer,
  type MessagingPart,
  type Participant,
  type ParticipantOptions,
} from "./participant";
export { RabbitTransport, type RabbitTransportOptions } from "./rabbit-transport";
export {
  relayBatch,
  startOutboxRelay,
  type BatchResult,
  type OutboxRelay,
  type OutboxRelayOptions,
} from "./relay";
export {
  prepared,
  queryPrepared,
  withTransaction,
  type PreparedStatement,
  type PrismaTransaction,
  type TransactionClient,
} from "./sql";
export {
  DEFAULT_DELIVERY_LIMIT,
  queue,
  queueFor,
  routingKeys,
  SHOP_EXCHANGE,
  type DeadLetterQueue,
  type QueueDefinition,
  type QueueOptions,
} from "./topology";
export {
  ack,
  DEAD_AT_HEADER,
  DEAD_DETAIL_HEADER,
  DEAD_ID_HEADER,
  DEAD_QUEUE_HEADER,
  DEAD_REASON_HEADER,
  deadLetter,
  deadLetterInfo,
  retry,
  type ConsumeOptions,
  type DeadLetterInfo,
  type Delivery,
  type DeliveryHandler,
  type Disposition,
  type QueueStats,
  type RawMessage,
  type Subscription,
  type Transport,
} from "./transport";
export {
  describeDeadLetter,
  drainDeadLetters,
  listDeadLetters,
  recordDeadLetter,
  replayRequested,
  REPLAY_OF_HEADER,
  resolveDeadLetter,
  type NewDeadLetter,
} from "./dead-letters";
export { messagingOperations } from "./operations";
