import type {
  DeadLetterStatus,
  DeadLetterView,
  ListDeadLettersInput,
  ServiceOpsView,
} from "@shop/contracts";
import { err, notFound, type NotFound, type Result } from "@shop/kernel";

/*
 * What a service tells the operations console (its `ops` routes, admins only). A part that has
 * something to tell registers it when it starts (PartContext.operations): the saga messaging
 * part, with the queues, the outbox and the dead letters. A service without one (no broker)
 * answers with nothing to show.
 */

/** The dead letter is not held any more: someone replayed or discarded it first. */
export interface DeadLetterResolved {
  code: "DEAD_LETTER_RESOLVED";
  message: string;
  status: DeadLetterStatus;
}

export interface ServiceOperations {
  status(): Promise<ServiceOpsView>;
  listDeadLetters(input: ListDeadLettersInput): Promise<DeadLetterView[]>;
  /** `by`: the admin's user id, recorded with the time. */
  resolveDeadLetter(
    id: string,
    action: "replay" | "discard",
    by: string,
  ): Promise<Result<DeadLetterView, NotFound | DeadLetterResolved>>;
}

export const noOperations: ServiceOperations = {
  status: async () => ({ queues: [], outbox: null, problems: [] }),
  listDeadLetters: async () => [],
  resolveDeadLetter: async () => err(notFound("This service has no dead letters")),
};
