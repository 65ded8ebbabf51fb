import "server-only";
import type {
  DeadLetterView,
  ListDeadLettersInput,
  RunningSagasView,
  ServiceOpsView,
} from "@shop/contracts";
import { LIVENESS_PATH, READINESS_PATH } from "@shop/service-kit/probes";
import { env } from "@/env";
import type { Services } from "../services";

/*
 * What the operations console shows, gathered from every service at once. A service that does
 * not answer is shown as such, with the others' figures: the console is most needed when
 * something is down.
 */

export const OPS_SERVICES = [
  "product-service",
  "user-service",
  "payment-service",
  "coupon-service",
  "order-service",
] as const;
export type OpsService = (typeof OPS_SERVICES)[number];

const CLIENT = {
  "product-service": "product",
  "user-service": "user",
  "payment-service": "payment",
  "coupon-service": "coupon",
  "order-service": "order",
} as const satisfies Record<OpsService, keyof Services>;

const URL_OF: Record<OpsService, string> = {
  "product-service": env.PRODUCT_SERVICE_URL,
  "user-service": env.USER_SERVICE_URL,
  "payment-service": env.PAYMENT_SERVICE_URL,
  "coupon-service": env.COUPON_SERVICE_URL,
  "order-service": env.ORDER_SERVICE_URL,
};

const PROBE_TIMEOUT_MS = 2_000;

export interface ProbeResult {
  /** The HTTP status; null when the service did not answer in time. */
  status: number | null;
  /** Readiness: the checks that failed, by name. */
  failed: Record<string, string>;
}

async function probe(url: string): Promise<ProbeResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
  try {
    const response = await fetch(url, { signal: controller.signal, cache: "no-store" });
    const body = (await response.json().catch(() => ({}))) as { failed?: Record<string, string> };
    return { status: response.status, failed: body.failed ?? {} };
  } catch {
    return { status: null, failed: {} };
  } finally {
    clearTimeout(timer);
  }
}

export interface ServiceOverview {
  name: OpsService;
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

const orNull = <T>(promise: Promise<T>): Promise<T | null> => promise.catch(() => null);

export async function overviewOf(services: Services): Promise<OpsOverview> {
  const [sagas, ...overviews] = await Promise.all([
    orNull(services.order.admin.sagas.running.query({ limit: 50 })),
    ...OPS_SERVICES.map(async (name): Promise<ServiceOverview> => {
      const [health, readiness, ops] = await Promise.all([
        probe(URL_OF[name] + LIVENESS_PATH),
        probe(URL_OF[name] + READINESS_PATH),
        orNull(services[CLIENT[name]].ops.status.query()),
      ]);
      return { name, health, readiness, ops };
    }),
  ]);
  return { at: new Date().toISOString(), services: overviews, sagas };
}

export type ServiceDeadLetter = DeadLetterView & { service: OpsService };

export interface DeadLetterList {
  deadLetters: ServiceDeadLetter[];
  /** The services that did not answer: their dead letters are not in the list. */
  unanswered: OpsService[];
}

/** Every service's dead letters, newest first. */
export async function deadLettersOf(
  services: Services,
  input: ListDeadLettersInput,
): Promise<DeadLetterList> {
  const lists = await Promise.all(
    OPS_SERVICES.map(async (service) => ({
      service,
      list: await orNull(services[CLIENT[service]].ops.deadLetters.query(input)),
    })),
  );
  return {
    deadLetters: lists
      .flatMap(({ service, list }) => (list ?? []).map((d) => ({ ...d, service })))
      .sort((a, b) => b.deadLetteredAt.localeCompare(a.deadLetteredAt))
      .slice(0, input.limit ?? 50),
    unanswered: lists.filter((l) => l.list === null).map((l) => l.service),
  };
}

export const clientOf = (service: OpsService) => CLIENT[service];
