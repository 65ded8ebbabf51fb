import { z } from "zod";

/*
 * What the operations console reads from each service (the BFF's admin.ops routes call every
 * service's ops routes): its queues as the broker counts them, its outbox, and the dead letters
 * it drained from its dead-letter queues, with the operator's replay and discard.
 */

export const deadLetterStatuses = ["held", "replaying", "replayed", "discarded"] as const;
export type DeadLetterStatus = (typeof deadLetterStatuses)[number];

export const listDeadLettersInput = z.object({
  status: z.enum(deadLetterStatuses).optional(),
  /** One saga's dead letters (the saga inspector links here). */
  correlationId: z.string().trim().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type ListDeadLettersInput = z.input<typeof listDeadLettersInput>;

export const deadLetterIdInput = z.object({ id: z.uuid() });

/** Whose names the console shows for the user ids it recorded (who replayed or discarded). */
export const userNamesInput = z.object({ ids: z.array(z.uuid()).max(100) });

export interface DeadLetterView {
  id: string;
  /** The queue it was dead-lettered from, and is replayed to. */
  queue: string;
  reason: string;
  detail: string | null;
  messageId: string | null;
  type: string | null;
  version: number | null;
  correlationId: string | null;
  /** The bytes as UTF-8 text, cut at PAYLOAD_PREVIEW_BYTES (a poison message can be large). */
  payload: string;
  payloadBytes: number;
  headers: Record<string, unknown>;
  deliveryCount: number;
  deadLetteredAt: string;
  drainedAt: string;
  status: DeadLetterStatus;
  /** The admin who replayed or discarded it (a user id), and when. */
  resolvedBy: string | null;
  resolvedAt: string | null;
  replayedAt: string | null;
  /** Why the last attempt to put it back failed (it is tried again). */
  replayError: string | null;
}

export const PAYLOAD_PREVIEW_BYTES = 16 * 1024;

export interface QueueStatusView {
  name: string;
  /** Waiting, not yet delivered (the broker's count); null when the broker did not answer. */
  messages: number | null;
  consumers: number | null;
  deadLetterQueue: { name: string; messages: number | null };
  /** Drained from the dead-letter queue and waiting for an operator. */
  deadLettersHeld: number;
}

export interface OutboxStatusView {
  unsent: number;
  /** Age of the oldest row not yet sent (null: none). */
  oldestUnsentMs: number | null;
  /** Rows the broker refused at least once and still unsent. */
  failing: number;
  /** The outbox relay holding the database's relay lock (its connection's application name). */
  relayLeader: string | null;
}

export interface ServiceOpsView {
  queues: QueueStatusView[];
  outbox: OutboxStatusView | null;
  /** Set when a figure could not be read (the broker down): the rest is still shown. */
  problems: string[];
}

export const runningSagasInput = z.object({ limit: z.number().int().min(1).max(200).default(50) });

export interface RunningSagaView {
  orderId: string;
  status: string;
  step: string | null;
  deadline: string | null;
  placedAt: string;
  updatedAt: string;
}

export interface RunningSagasView {
  total: number;
  sagas: RunningSagaView[];
}
