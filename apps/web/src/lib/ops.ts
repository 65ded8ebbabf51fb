import type { DeadLetterView, RunningSagasView, ServiceOpsView } from "@shop/contracts";
import type { ServiceAudience } from "@shop/service-kit/internal-auth";

/*
 * What the operations console's BFF routes answer (src/server/ops/overview.ts gathers it), in a
 * module of types alone: the console's client components read it without importing the server.
 */

export interface ProbeResult {
  /** The HTTP status; null when the service did not answer in time. */
  status: number | null;
  /** Readiness: the checks that failed, by name. */
  failed: Record<string, string>;
}

export interface ServiceOverview {
  name: ServiceAudience;
  health: ProbeResult;
  readiness: ProbeResult;
  /** Null when the service's API did not answer. */
  ops: ServiceOpsView | null;
}

export interface OpsOverview {
  at: string;
  services: ServiceOverview[];
  /** Null when order-service did not answer. */
  sagas: RunningSagasView | null;
}

export type ServiceDeadLetter = DeadLetterView & {
  service: ServiceAudience;
  /** The display name of `resolvedBy`; null when there is none or it cannot be found. */
  resolvedByName: string | null;
};

export interface DeadLetterList {
  deadLetters: ServiceDeadLetter[];
  /** The services that did not answer: their dead letters are not in the list. */
  unanswered: ServiceAudience[];
}
