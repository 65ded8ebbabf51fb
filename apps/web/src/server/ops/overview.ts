import "server-only";
import type { ListDeadLettersInput } from "@shop/contracts";
import { SERVICE_AUDIENCES, type ServiceAudience } from "@shop/service-kit/internal-auth";
import { LIVENESS_PATH, READINESS_PATH } from "@shop/service-kit/probes";
import type { DeadLetterList, OpsOverview, ProbeResult, ServiceOverview } from "@/lib/ops";
import { SERVICE_NAME, SERVICE_URL, type ServiceKey, type Services } from "../services";

/*
 * What the operations console shows, gathered from every service at once. A service that does
 * not answer is shown as such, with the others' figures: the console is most needed when
 * something is down.
 */

/** A service by its client's key, from its name (the one the console and its input use). */
const KEY_OF = Object.fromEntries(
  Object.entries(SERVICE_NAME).map(([key, name]) => [name, key]),
) as Record<ServiceAudience, ServiceKey>;

export const clientOf = (service: ServiceAudience) => KEY_OF[service];

const PROBE_TIMEOUT_MS = 2_000;

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

const orNull = <T>(promise: Promise<T>): Promise<T | null> => promise.catch(() => null);

export async function overviewOf(services: Services): Promise<OpsOverview> {
  const [sagas, ...overviews] = await Promise.all([
    orNull(services.order.admin.sagas.running.query({ limit: 50 })),
    ...SERVICE_AUDIENCES.map(async (name): Promise<ServiceOverview> => {
      const [health, readiness, ops] = await Promise.all([
        probe(SERVICE_URL[clientOf(name)] + LIVENESS_PATH),
        probe(SERVICE_URL[clientOf(name)] + READINESS_PATH),
        orNull(services[clientOf(name)].ops.status.query()),
      ]);
      return { name, health, readiness, ops };
    }),
  ]);
  return { at: new Date().toISOString(), services: overviews, sagas };
}

/** Every service's dead letters, newest first. */
export async function deadLettersOf(
  services: Services,
  input: ListDeadLettersInput,
): Promise<DeadLetterList> {
  const lists = await Promise.all(
    SERVICE_AUDIENCES.map(async (service) => ({
      service,
      list: await orNull(services[clientOf(service)].ops.deadLetters.query(input)),
    })),
  );
  const deadLetters = lists
    .flatMap(({ service, list }) => (list ?? []).map((d) => ({ ...d, service })))
    .sort((a, b) => b.deadLetteredAt.localeCompare(a.deadLetteredAt))
    .slice(0, input.limit ?? 50);
  // Who resolved each one, by name; an unanswered user-service leaves the ids (still who it was).
  const ids = deadLetters.flatMap((d) => (d.resolvedBy ? [d.resolvedBy] : []));
  const names = ids.length
    ? ((await orNull(services.user.admin.names.query({ ids: [...new Set(ids)] }))) ?? {})
    : {};
  return {
    deadLetters: deadLetters.map((d) => ({
      ...d,
      resolvedByName: d.resolvedBy ? (names[d.resolvedBy] ?? null) : null,
    })),
    unanswered: lists.filter((l) => l.list === null).map((l) => l.service),
  };
}
