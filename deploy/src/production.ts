import { ScaledObject, TriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { baseApps, type AppSpec, type Scaling } from "./apps";
import { base, PART_OF, type AnyObject, type Manifests } from "./base";
import type { Settings } from "./settings";

/*
 * The production overlay: the base's apps at production scale, the storefront behind the
 * ingress controller with its trusted proxy and origin, and the autoscalers.
 *
 * Replicas: three storefront pods and two of every service at least, so a pod lost (a node
 * drained, a crash) leaves the app serving. Each PodDisruptionBudget keeps one pod fewer than
 * the autoscaler's minimum, so a node drain can always evict one pod at a time.
 *
 * Connections: every service pod holds a pool of DATABASE_POOL_SIZE (10). At the maxima below
 * (6 + 6 + 6 + 6 + 4 pods) that is 280 connections if the five databases share one PostgreSQL
 * server (its max_connections must then be above it; CloudNativePG's default is 100), or 60 a
 * cluster with one CloudNativePG cluster per database. Raise a maximum with that sum in mind.
 */

/**
 * Messages waiting (ready, not yet delivered: KEDA's AMQP count) per replica before KEDA adds
 * one. A consumer holds up to its prefetch (10) unacknowledged, so a ready backlog means every
 * pod's consumer is already full.
 */
const MESSAGES_PER_REPLICA = 20;

const SCALE: Record<string, { minAvailable: number; scaling: (app: AppSpec) => Scaling }> = {
  // The storefront is request-driven: CPU (rendering, tRPC) is what runs out first.
  web: {
    minAvailable: 2,
    scaling: () => ({ kind: "cpu", min: 3, max: 10, averageUtilization: 70 }),
  },
  // Sign-in and sign-up hash passwords (argon2: CPU-bound by design), every other call is a
  // short query: CPU tells when it needs a pod more. It consumes no queue, so KEDA has no
  // signal for it.
  "user-service": {
    minAvailable: 1,
    scaling: () => ({ kind: "cpu", min: 2, max: 4, averageUtilization: 75 }),
  },
  // The saga's participants and the orchestrator: the depth of the queues they consume is
  // the work waiting for them (a checkout burst shows there before it shows in CPU).
  ...Object.fromEntries(
    ["product-service", "coupon-service", "payment-service", "order-service"].map((name) => [
      name,
      {
        minAvailable: 1,
        scaling: (app: AppSpec): Scaling => ({
          kind: "queue",
          min: 2,
          max: 6,
          queues: app.consumes,
          perReplica: MESSAGES_PER_REPLICA,
        }),
      },
    ]),
  ),
};

/** The base's apps at production scale, with the storefront's public origin and proxy. */
export function productionApps(settings: Settings): AppSpec[] {
  return baseApps(settings).map((app) => {
    const scale = SCALE[app.name];
    if (!scale) throw new Error(`No production scale for ${app.name}`);
    const config =
      app.name === "web"
        ? {
            ...app.config,
            // Only the ingress controller's pods may say who the client is.
            TRUST_PROXY: settings.ingressPodCidr,
            ALLOWED_ORIGINS: `https://${settings.host}`,
            COOKIE_SECURE: "true",
          }
        : app.config;
    return { ...app, config, minAvailable: scale.minAvailable, scaling: scale.scaling(app) };
  });
}

const RABBITMQ_AUTH = "rabbitmq";

/** Slow to scale down (a burst often comes back), quick to scale up. */
const SCALE_DOWN = { stabilizationWindowSeconds: 300 };

function autoscaler(app: AppSpec, settings: Settings): AnyObject[] {
  const metadata = {
    name: app.name,
    namespace: settings.namespace,
    labels: { "app.kubernetes.io/name": app.name, "app.kubernetes.io/part-of": PART_OF },
  };
  const target = { apiVersion: "apps/v1", kind: "Deployment", name: app.name };
  const { scaling } = app;
  switch (scaling.kind) {
    case "fixed":
      return [];
    case "cpu":
      return [
        new HorizontalPodAutoscaler({
          metadata,
          spec: {
            scaleTargetRef: target,
            minReplicas: scaling.min,
            maxReplicas: scaling.max,
            metrics: [
              {
                type: "Resource",
                resource: {
                  name: "cpu",
                  target: { type: "Utilization", averageUtilization: scaling.averageUtilization },
                },
              },
            ],
            behavior: { scaleDown: SCALE_DOWN },
          },
        }),
      ];
    case "queue":
      return [
        new ScaledObject({
          metadata,
          spec: {
            scaleTargetRef: target,
            minReplicaCount: scaling.min,
            maxReplicaCount: scaling.max,
            pollingInterval: 15,
            advanced: { horizontalPodAutoscalerConfig: { behavior: { scaleDown: SCALE_DOWN } } },
            // One trigger per queue the service consumes; KEDA takes the largest count.
            triggers: scaling.queues.map((queue) => ({
              type: "rabbitmq",
              metadata: {
                protocol: "amqp",
                mode: "QueueLength",
                value: String(scaling.perReplica),
                queueName: queue.name,
              },
              authenticationRef: { name: RABBITMQ_AUTH },
            })),
          },
        }),
      ];
  }
}

/** The production overlay: every object, by the part it is applied in. */
export function production(settings: Settings): Manifests {
  const apps = productionApps(settings);
  const manifests = base(settings, apps);
  const web = apps.find((a) => a.name === "web")!;
  const extra: AnyObject[] = [
    new Ingress({
      metadata: {
        name: "web",
        namespace: settings.namespace,
        labels: { "app.kubernetes.io/name": "web", "app.kubernetes.io/part-of": PART_OF },
      },
      spec: {
        ingressClassName: settings.ingressClass,
        tls: [{ hosts: [settings.host], secretName: settings.tlsSecret }],
        rules: [
          {
            host: settings.host,
            http: {
              paths: [
                {
                  path: "/",
                  pathType: "Prefix",
                  backend: { service: { name: "web", port: { number: web.port } } },
                },
              ],
            },
          },
        ],
      },
    }),
    // KEDA's operator reads the queues' depth with the shop's RabbitMQ URL (its `host`).
    new TriggerAuthentication({
      metadata: { name: RABBITMQ_AUTH, namespace: settings.namespace },
      spec: {
        secretTargetRef: [
          { parameter: "host", name: settings.rabbitmqSecret, key: settings.rabbitmqSecretKey },
        ],
      },
    }),
    ...apps.flatMap((app) => autoscaler(app, settings)),
  ];
  return { ...manifests, apps: [...manifests.apps, ...extra] };
}
