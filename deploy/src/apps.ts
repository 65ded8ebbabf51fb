import {
  COUPON_COMMANDS,
  ORDER_REPLIES,
  PAYMENT_COMMANDS,
  PRODUCT_COMMANDS,
  PRODUCT_PROJECTIONS,
  type QueueContract,
} from "@shop/contracts";
import { SERVICES, type ServiceEntry } from "@shop/service-kit/services";
import { INTERNAL_AUTH_KEYS, type Settings } from "./settings";

/*
 * The shop's apps as the manifests see them: what each runs, listens on, needs and may reach.
 * Ports and databases come from services.json (the processes read the same file); the queues
 * from @shop/contracts. base.ts turns each into its objects; production.ts sets the scale.
 */

/** The storefront's port (apps/web/src/env.ts's default, and the image's PORT). */
export const WEB_PORT = 3000;
export const POSTGRES_PORT = 5432;
export const AMQP_PORT = 5672;

export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

/** How an app's replica count is chosen (the production overlay sets it). */
export type Scaling =
  | { kind: "fixed"; replicas: number }
  | { kind: "cpu"; min: number; max: number; averageUtilization: number }
  | {
      kind: "queue";
      min: number;
      max: number;
      queues: readonly QueueContract[];
      perReplica: number;
    };

export interface AppSpec {
  /** Also its image (`shop-<name>`), its Deployment, Service and ConfigMap. */
  name: string;
  port: number;
  /** Non-secret configuration (its ConfigMap); the image sets NODE_ENV, HOST and PORT too. */
  config: Record<string, string>;
  /** Variables from Secrets: the Secret's name and key, never a value. */
  /** From Secrets; an optional one may be missing from its Secret (the next key, see rotation). */
  secretEnv: readonly { name: string; secret: string; key: string; optional?: true }[];
  resources: Resources;
  /** Writable emptyDirs on the read-only root file system. */
  writablePaths: readonly string[];
  /** Seconds from SIGTERM to the process's own exit at worst (see gracePeriodSeconds). */
  drainSeconds: number;
  /** Its own database, migrated by a Job before the apps roll (services only). */
  database?: string;
  /** Who may open connections to it: the ingress controller, or the storefront's pods. */
  reachedBy: "ingress" | "web";
  /** Its egress beyond DNS. */
  egress: { postgres: boolean; rabbitmq: boolean; services: boolean; dataPlatform: boolean };
  /** The queues it consumes (contracts): what its ScaledObject may watch. */
  consumes: readonly QueueContract[];
  /** Pods that must stay up through a voluntary disruption (a node drain). */
  minAvailable: number;
  scaling: Scaling;
}

/** The seconds the kubelet waits, after a pod is deleted, before the app gets SIGTERM. */
export const PRE_STOP_SECONDS = 5;
/** Spare seconds past the worst drain before the kubelet sends SIGKILL. */
const GRACE_MARGIN_SECONDS = 5;

/**
 * terminationGracePeriodSeconds counts from the moment the pod is deleted, preStop included:
 * preStop's pause (endpoints are removed and the ingress controller and kube-proxy catch up,
 * so no new request arrives once the drain starts) + the app's worst drain + a margin.
 */
export const gracePeriodSeconds = (app: Pick<AppSpec, "drainSeconds">) =>
  PRE_STOP_SECONDS + app.drainSeconds + GRACE_MARGIN_SECONDS;

/**
 * Memory: the bench's figures (docs/benchmarks.md, README's "Last run": VmRSS of each process
 * with its children) were measured with every process run by tsx, which holds the TypeScript
 * loader (esbuild's worker and its transform cache) on top of the app; the images run compiled
 * dist/ with plain node, so the figures bound the images' needs from above. The request is the
 * peak under the checkout load rounded up (what the scheduler must find on a node for the
 * process to work under load); the limit is 1.5 times the bench's own budget per process (256
 * MB a service, 512 MB the storefront), so a process the bench would call MISSED still runs
 * while a leak (which grows without bound) is killed and restarted rather than starving the
 * node.
 *
 * CPU: a checkout costs 22-39 ms of CPU across all processes (docs/benchmarks.md), about 5-8
 * ms in each service; the requests are what an idle-to-moderate pod uses and what the
 * autoscalers' utilization is measured against; the limits (one core a service, two the
 * storefront, the bench machine's whole size) only stop a runaway loop from taking a node.
 */
const serviceResources = (peakMb: number): Resources => ({
  requests: { cpu: "100m", memory: `${Math.ceil(peakMb / 32) * 32}Mi` },
  limits: { cpu: "1", memory: `${256 * 1.5}Mi` },
});

/** Peak RSS under the checkout load (README "Last run"); user-service is not in the checkout. */
const PEAK_MB: Record<ServiceEntry["name"], number> = {
  "product-service": 192,
  "payment-service": 185,
  "coupon-service": 157,
  "order-service": 217,
  // Not part of the checkout load: 106 MB idle and at the end of the pages' load.
  "user-service": 106,
};

/** The storefront: 145 MB idle, 448 MB at the end of the pages' load (its bounded caches). */
const WEB_RESOURCES: Resources = {
  requests: { cpu: "500m", memory: "512Mi" },
  limits: { cpu: "2", memory: `${512 * 1.5}Mi` },
};

/** A connection pool per pod: a service's replicas times this must fit PostgreSQL's max_connections. */
export const DATABASE_POOL_SIZE = 10;

/**
 * Each service's worst drain after SIGTERM (service-kit's startService stops the newest part
 * first): the HTTP server's in-flight requests (http-server.ts: shutdownGraceMs, 10 s), then the
 * periodic jobs' run in flight (order-service's export POST: DATA_PLATFORM_TIMEOUT_MS, 5 s),
 * then the consumers (rabbitmq-client's close awaits the handlers in flight, one database
 * transaction each; the retry pauses are aborted) and the outbox relay's batch, then the pool:
 * a few seconds, 5 counted.
 */
const SERVICE_DRAIN_SECONDS = 10 + 5;
const ORDER_DRAIN_SECONDS = 10 + 5 + 5;
/** apps/web/src/main.ts: the server closes, and the process exits after 10 s whatever is left. */
const WEB_DRAIN_SECONDS = 10;

export const serviceUrl = (s: ServiceEntry) => `http://${s.name}:${s.port}`;
/** ORDER_SERVICE_URL and its siblings (apps/web/src/env.ts). */
export const serviceUrlVariable = (s: ServiceEntry) =>
  `${s.name.toUpperCase().replace(/-/g, "_")}_URL`;

/** Which contracts' queues each service consumes (its src/service.ts: queueFor(...)). */
const CONSUMES: Record<ServiceEntry["name"], readonly QueueContract[]> = {
  "product-service": [PRODUCT_COMMANDS, PRODUCT_PROJECTIONS],
  "coupon-service": [COUPON_COMMANDS],
  "payment-service": [PAYMENT_COMMANDS],
  "order-service": [ORDER_REPLIES],
  "user-service": [],
};

/** What every environment shares: one storefront and the five services, at one replica each. */
export function baseApps(settings: Settings): AppSpec[] {
  const common = { NODE_ENV: "production", HOST: "0.0.0.0", LOG_LEVEL: settings.logLevel };
  const web: AppSpec = {
    name: "web",
    port: WEB_PORT,
    config: {
      ...common,
      PORT: String(WEB_PORT),
      ...Object.fromEntries(SERVICES.map((s) => [serviceUrlVariable(s), serviceUrl(s)])),
    },
    secretEnv: [
      {
        name: "INTERNAL_AUTH_PRIVATE_KEY",
        secret: settings.internalAuthSecret,
        key: INTERNAL_AUTH_KEYS.private,
      },
    ],
    resources: WEB_RESOURCES,
    writablePaths: ["/tmp", "/app/apps/web/.next/cache"],
    drainSeconds: WEB_DRAIN_SECONDS,
    reachedBy: "ingress",
    egress: { postgres: false, rabbitmq: false, services: true, dataPlatform: false },
    consumes: [],
    minAvailable: 1,
    scaling: { kind: "fixed", replicas: 1 },
  };
  const services = SERVICES.map((s): AppSpec => {
    const broker = s.name !== "user-service";
    const order = s.name === "order-service";
    return {
      name: s.name,
      port: s.port,
      config: {
        ...common,
        PORT: String(s.port),
        DATABASE_POOL_SIZE: String(DATABASE_POOL_SIZE),
        ...(order ? { DATA_PLATFORM_URL: settings.dataPlatformUrl } : {}),
      },
      secretEnv: [
        {
          name: "INTERNAL_AUTH_PUBLIC_KEY",
          secret: settings.internalAuthSecret,
          key: INTERNAL_AUTH_KEYS.public,
        },
        {
          name: "INTERNAL_AUTH_PUBLIC_KEY_NEXT",
          secret: settings.internalAuthSecret,
          key: INTERNAL_AUTH_KEYS.nextPublic,
          optional: true,
        },
        {
          name: "DATABASE_URL",
          secret: settings.databaseSecrets[s.name]!,
          key: settings.databaseSecretKey,
        },
        ...(broker
          ? [
              {
                name: "RABBITMQ_URL",
                secret: settings.rabbitmqSecret,
                key: settings.rabbitmqSecretKey,
              },
            ]
          : []),
      ],
      resources: serviceResources(PEAK_MB[s.name]),
      writablePaths: ["/tmp"],
      drainSeconds: order ? ORDER_DRAIN_SECONDS : SERVICE_DRAIN_SECONDS,
      database: s.database,
      reachedBy: "web",
      egress: { postgres: true, rabbitmq: broker, services: false, dataPlatform: order },
      consumes: CONSUMES[s.name],
      minAvailable: 1,
      scaling: { kind: "fixed", replicas: 1 },
    };
  });
  return [web, ...services];
}
