import { createHash } from "node:crypto";
import type { Model } from "@kubernetes-models/base";
import { Deployment } from "kubernetes-models/apps/v1";
import { Job } from "kubernetes-models/batch/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import type {
  INetworkPolicyEgressRule,
  INetworkPolicyPeer,
} from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Namespace, Service } from "kubernetes-models/v1";
import type { IContainer, IPodSecurityContext, ISecurityContext } from "kubernetes-models/v1";
import { LIVENESS_PATH, READINESS_PATH } from "@shop/service-kit/probes";
import { SERVICES } from "@shop/service-kit/services";
import {
  AMQP_PORT,
  gracePeriodSeconds,
  POSTGRES_PORT,
  PRE_STOP_SECONDS,
  type AppSpec,
} from "./apps";
import type { Peer, Settings } from "./settings";

/*
 * What every environment shares, from the apps' specs: per app a ConfigMap, a Deployment, a
 * Service, a PodDisruptionBudget and a NetworkPolicy; per service database a migrations Job;
 * the namespace and its default-deny policy. The production overlay (production.ts) chooses
 * the specs' scale and adds the ingress and the autoscalers.
 */

export type AnyObject = Model<unknown>;

/** The objects of one rendering, in the order they are applied. */
export interface Manifests {
  /** The namespace and its default-deny policy: in every part. */
  shared: AnyObject[];
  /** The migrations Jobs and the policy that lets them reach PostgreSQL. */
  migrations: AnyObject[];
  apps: AnyObject[];
}

export const PART_OF = "shop";
/** The label `kubectl wait ... -l` selects the migrations Jobs with. */
export const MIGRATIONS_SELECTOR = {
  "app.kubernetes.io/part-of": PART_OF,
  "app.kubernetes.io/component": "migrations",
};

/** The pods of one app's Deployment (a migrations pod of the same service is not one). */
export const appSelector = (name: string) => ({
  "app.kubernetes.io/name": name,
  "app.kubernetes.io/component": "app",
});

const labels = (name: string, component: string, settings: Settings) => ({
  "app.kubernetes.io/name": name,
  "app.kubernetes.io/component": component,
  "app.kubernetes.io/part-of": PART_OF,
  "app.kubernetes.io/version": settings.tag,
});

/** The images' contract: `<registry>/shop-<app>:<tag>`. */
export const imageOf = (name: string, settings: Settings) =>
  `${settings.registry}/shop-${name}:${settings.tag}`;

/** A moving tag must be pulled each time; a fixed one once per node. */
const pullPolicy = (settings: Settings) => (settings.tag === "latest" ? "Always" : "IfNotPresent");

/** The image runs as user node (uid 1000); nothing in the pod may gain a privilege. */
const POD_SECURITY: IPodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  fsGroup: 1000,
  seccompProfile: { type: "RuntimeDefault" },
};
const CONTAINER_SECURITY: ISecurityContext = {
  runAsNonRoot: true,
  runAsUser: 1000,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  privileged: false,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

const volumeName = (path: string) =>
  path
    .replace(/^\/+/, "")
    .replace(/[^a-z0-9]+/gi, "-")
    .toLowerCase();

/** emptyDirs for the writable paths; Next's cache may grow (ISR pages), /tmp stays small. */
const writableVolumes = (paths: readonly string[]) => ({
  volumes: paths.map((path) => ({
    name: volumeName(path),
    emptyDir: { sizeLimit: path === "/tmp" ? "64Mi" : "1Gi" },
  })),
  volumeMounts: paths.map((path) => ({ name: volumeName(path), mountPath: path })),
});

const secretEnv = (app: Pick<AppSpec, "secretEnv">) =>
  app.secretEnv.map(({ name, secret, key, optional }) => ({
    name,
    valueFrom: { secretKeyRef: { name: secret, key, ...(optional ? { optional } : {}) } },
  }));

/** A short digest: a pod template changes (rolls) when its ConfigMap's data does. */
const digest = (value: unknown) =>
  createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 10);

function container(app: AppSpec, settings: Settings): IContainer {
  const { volumeMounts } = writableVolumes(app.writablePaths);
  const http = { port: "http", scheme: "HTTP" as const };
  return {
    name: app.name,
    image: imageOf(app.name, settings),
    imagePullPolicy: pullPolicy(settings),
    ports: [{ name: "http", containerPort: app.port, protocol: "TCP" }],
    envFrom: [{ configMapRef: { name: app.name } }],
    env: secretEnv(app),
    resources: app.resources,
    // Up to 60 s to start (migrations are a Job of their own, so a start is only connecting),
    // during which liveness does not count; then a hung process is restarted after 30 s.
    startupProbe: {
      httpGet: { ...http, path: LIVENESS_PATH },
      periodSeconds: 2,
      failureThreshold: 30,
      timeoutSeconds: 2,
    },
    livenessProbe: {
      httpGet: { ...http, path: LIVENESS_PATH },
      periodSeconds: 10,
      failureThreshold: 3,
      timeoutSeconds: 3,
    },
    // /ready checks what the app depends on (its database, its broker): a pod that lost them
    // leaves the Service's endpoints within 10 s and comes back when they return.
    readinessProbe: {
      httpGet: { ...http, path: READINESS_PATH },
      periodSeconds: 5,
      failureThreshold: 2,
      timeoutSeconds: 3,
    },
    // The pause runs in the kubelet (no shell or sleep binary needed in the image; Kubernetes
    // 1.30+): the endpoints controller, kube-proxy and the ingress controller stop sending new
    // requests to the pod before SIGTERM starts its drain.
    lifecycle: { preStop: { sleep: { seconds: PRE_STOP_SECONDS } } },
    securityContext: CONTAINER_SECURITY,
    volumeMounts,
  };
}

function deployment(app: AppSpec, settings: Settings): Deployment {
  const { volumes } = writableVolumes(app.writablePaths);
  return new Deployment({
    metadata: {
      name: app.name,
      namespace: settings.namespace,
      labels: labels(app.name, "app", settings),
    },
    spec: {
      // An autoscaler owns the count (minReplicas/minReplicaCount): a count here would put the
      // Deployment back to it on every apply. Until the autoscaler's first run (seconds) the
      // Deployment starts with one pod.
      ...(app.scaling.kind === "fixed" ? { replicas: app.scaling.replicas } : {}),
      revisionHistoryLimit: 5,
      selector: { matchLabels: appSelector(app.name) },
      // A new pod is ready before an old one goes: the count never drops below the PDB's floor.
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: {
          labels: labels(app.name, "app", settings),
          annotations: { "shop.example/config-digest": digest(app.config) },
        },
        spec: {
          automountServiceAccountToken: false,
          // No <SERVICE>_PORT=tcp://... variables injected beside the app's own.
          enableServiceLinks: false,
          // preStop + the app's worst drain + a margin (apps.ts: gracePeriodSeconds).
          terminationGracePeriodSeconds: gracePeriodSeconds(app),
          securityContext: POD_SECURITY,
          // Replicas on different nodes (and zones when there are any), so a node lost is one
          // replica lost.
          topologySpreadConstraints: ["kubernetes.io/hostname", "topology.kubernetes.io/zone"].map(
            (topologyKey) => ({
              maxSkew: 1,
              topologyKey,
              whenUnsatisfiable: "ScheduleAnyway" as const,
              labelSelector: { matchLabels: appSelector(app.name) },
            }),
          ),
          containers: [container(app, settings)],
          volumes,
        },
      },
    },
  });
}

const dnsEgress: INetworkPolicyEgressRule = {
  to: [
    {
      namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
      podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
    },
  ],
  ports: [
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 53 },
  ],
};

const peerOf = (peer: Peer): INetworkPolicyPeer =>
  "cidr" in peer
    ? { ipBlock: { cidr: peer.cidr } }
    : { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": peer.namespace } } };

const postgresEgress = (settings: Settings): INetworkPolicyEgressRule => ({
  to: [peerOf(settings.postgres)],
  ports: [{ protocol: "TCP", port: POSTGRES_PORT }],
});

/** The port of a URL (its scheme's default when it names none). */
const urlPort = (url: string) => {
  const { port, protocol } = new URL(url);
  return port ? Number(port) : protocol === "https:" ? 443 : 80;
};

function networkPolicy(app: AppSpec, settings: Settings): NetworkPolicy {
  const from: INetworkPolicyPeer =
    app.reachedBy === "ingress"
      ? {
          namespaceSelector: {
            matchLabels: { "kubernetes.io/metadata.name": settings.ingressNamespace },
          },
        }
      : { podSelector: { matchLabels: appSelector("web") } };
  const egress: INetworkPolicyEgressRule[] = [dnsEgress];
  if (app.egress.postgres) egress.push(postgresEgress(settings));
  if (app.egress.rabbitmq)
    egress.push({ to: [peerOf(settings.rabbitmq)], ports: [{ protocol: "TCP", port: AMQP_PORT }] });
  if (app.egress.services)
    for (const s of SERVICES)
      egress.push({
        to: [{ podSelector: { matchLabels: appSelector(s.name) } }],
        ports: [{ protocol: "TCP", port: s.port }],
      });
  if (app.egress.dataPlatform && settings.dataPlatformUrl)
    egress.push({
      to: [{ ipBlock: { cidr: settings.dataPlatformCidr } }],
      ports: [{ protocol: "TCP", port: urlPort(settings.dataPlatformUrl) }],
    });
  return new NetworkPolicy({
    metadata: {
      name: app.name,
      namespace: settings.namespace,
      labels: labels(app.name, "app", settings),
    },
    spec: {
      podSelector: { matchLabels: appSelector(app.name) },
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: [from], ports: [{ protocol: "TCP", port: app.port }] }],
      egress,
    },
  });
}

/** The Job's command in the service's image (the images' contract). */
export const migrationCommand = (name: string) => [
  "node",
  `apps/${name}/dist/migrate.js`,
  `apps/${name}/prisma/migrations`,
];

/**
 * One Job per service database. A Job's pod template cannot change, so its name carries a
 * digest of its image: a new tag is a new Job (the old one is deleted a day after it ended),
 * and applying the same tag again changes nothing. The runner (service-kit's migrate.ts) is
 * ordered, checksummed and takes an advisory lock, so a Job run twice, or two at once, is safe.
 */
function migrationJob(app: AppSpec, settings: Settings): Job {
  const image = imageOf(app.name, settings);
  const command = migrationCommand(app.name);
  const { volumes, volumeMounts } = writableVolumes(["/tmp"]);
  return new Job({
    metadata: {
      name: `${app.name}-migrate-${digest([image, command])}`,
      namespace: settings.namespace,
      labels: labels(app.name, "migrations", settings),
      // Argo CD applies a lower wave first and waits for it to be healthy (a Job: complete).
      annotations: { "argocd.argoproj.io/sync-wave": "-1" },
    },
    spec: {
      backoffLimit: 4,
      activeDeadlineSeconds: 600,
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels: labels(app.name, "migrations", settings) },
        spec: {
          restartPolicy: "Never",
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: POD_SECURITY,
          containers: [
            {
              name: "migrate",
              image,
              imagePullPolicy: pullPolicy(settings),
              command,
              env: [
                { name: "NODE_ENV", value: "production" },
                ...secretEnv({ secretEnv: app.secretEnv.filter((e) => e.name === "DATABASE_URL") }),
              ],
              resources: {
                requests: { cpu: "100m", memory: "128Mi" },
                limits: { cpu: "1", memory: "256Mi" },
              },
              securityContext: CONTAINER_SECURITY,
              volumeMounts,
            },
          ],
          volumes,
        },
      },
    },
  });
}

/** The base's objects for the given apps (their scale chosen by the environment). */
export function base(settings: Settings, apps: readonly AppSpec[]): Manifests {
  const ns = settings.namespace;
  const shared: AnyObject[] = [
    new Namespace({
      metadata: {
        name: ns,
        labels: {
          "app.kubernetes.io/part-of": PART_OF,
          // Every pod here meets the restricted Pod Security Standard; the API server refuses one that does not.
          "pod-security.kubernetes.io/enforce": "restricted",
        },
      },
    }),
    // Nothing reaches a pod and no pod reaches anything unless a policy below says so.
    new NetworkPolicy({
      metadata: { name: "default-deny", namespace: ns },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    }),
  ];
  const migrated = apps.filter((a) => a.database !== undefined);
  const migrations: AnyObject[] = [
    new NetworkPolicy({
      metadata: { name: "migrations", namespace: ns },
      spec: {
        podSelector: { matchLabels: MIGRATIONS_SELECTOR },
        policyTypes: ["Ingress", "Egress"],
        egress: [dnsEgress, postgresEgress(settings)],
      },
    }),
    ...migrated.map((app) => migrationJob(app, settings)),
  ];
  const appObjects = apps.flatMap((app): AnyObject[] => [
    new ConfigMap({
      metadata: { name: app.name, namespace: ns, labels: labels(app.name, "app", settings) },
      data: app.config,
    }),
    deployment(app, settings),
    new Service({
      metadata: { name: app.name, namespace: ns, labels: labels(app.name, "app", settings) },
      spec: {
        type: "ClusterIP",
        selector: appSelector(app.name),
        ports: [{ name: "http", port: app.port, targetPort: "http", protocol: "TCP" }],
      },
    }),
    new PodDisruptionBudget({
      metadata: { name: app.name, namespace: ns, labels: labels(app.name, "app", settings) },
      spec: {
        minAvailable: app.minAvailable,
        selector: { matchLabels: appSelector(app.name) },
        // A pod that is not ready (crash-looping) may be evicted: it serves nothing anyway.
        unhealthyPodEvictionPolicy: "AlwaysAllow",
      },
    }),
    networkPolicy(app, settings),
  ]);
  return { shared, migrations, apps: appObjects };
}
