import { z } from "zod";
import { SERVICES } from "@shop/service-kit/services";

/*
 * What a reader of the manifests has to choose for their cluster, with defaults that render a
 * complete, valid production overlay. The command line (cli.ts) fills it with `--<flag>`; the
 * tests build it from the same schema. Nothing here is secret: Secrets are named, never filled.
 */

/** Where a dependency outside the namespace runs: pods of a namespace, or an address range. */
export type Peer = { namespace: string } | { cidr: string };

const dns1123Label = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a DNS-1123 label (lower case, digits, '-')")
  .max(63);
const dns1123Subdomain = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "a DNS-1123 name (lower case, digits, '-', '.')")
  .max(253);
const cidr = z.union([z.cidrv4(), z.cidrv6()]);

/** `namespace:<name>` or `cidr:<range>` (a flag's text) into a Peer. */
const peer = z.string().transform((value, ctx): Peer => {
  const [kind, ...rest] = value.split(":");
  const target = rest.join(":");
  if (kind === "namespace" && dns1123Label.safeParse(target).success) return { namespace: target };
  if (kind === "cidr" && cidr.safeParse(target).success) return { cidr: target };
  ctx.addIssue({ code: "custom", message: `"${value}": use namespace:<name> or cidr:<range>` });
  return z.NEVER;
});

const serviceNames = SERVICES.map((s) => s.name);

/** `<service>=<secret>` pairs (repeatable flag) over a default of `<service>-db-app` each. */
const databaseSecrets = z.array(z.string()).transform((pairs, ctx) => {
  const names: Record<string, string> = Object.fromEntries(
    serviceNames.map((name) => [name, `${name}-db-app`]),
  );
  for (const pair of pairs) {
    const [service, secret] = pair.split("=");
    if (!service || !serviceNames.includes(service as never) || !secret) {
      ctx.addIssue({
        code: "custom",
        message: `"${pair}": use <service>=<secret name>, a service of ${serviceNames.join(", ")}`,
      });
      continue;
    }
    names[service] = secret;
  }
  return names;
});

export const PARTS = ["migrations", "apps", "all"] as const;
export type Part = (typeof PARTS)[number];

export const settingsSchema = z.object({
  /**
   * Images are `<registry>/shop-<app>:<tag>` (the images' contract). The default is a registry
   * on the cluster's own nodes (kind's and minikube's local-registry convention): set yours.
   */
  registry: z.string().min(1).default("localhost:5000/shop"),
  tag: z
    .string()
    // An image tag that is also a label value (app.kubernetes.io/version): at most 63 characters.
    .regex(/^[\w][\w.-]{0,62}$/, "an image tag of at most 63 characters")
    .default("latest"),
  namespace: dns1123Label.default("shop"),
  /** The storefront's public host name (Ingress rule, TLS, ALLOWED_ORIGINS). */
  host: dns1123Subdomain.default("shop.test"),
  /** The Secret (type kubernetes.io/tls) with the host's certificate; cert-manager can fill it. */
  tlsSecret: dns1123Subdomain.default("shop-tls"),
  ingressClass: z.string().min(1).default("nginx"),
  /** Where the ingress controller's pods run: the only pods that may reach the storefront. */
  ingressNamespace: dns1123Label.default("ingress-nginx"),
  /**
   * The ingress controller's pod address range: the storefront's TRUST_PROXY, so only the
   * controller may tell it the client's address (X-Forwarded-For). Ask your CNI (the cluster's
   * pod CIDR, or the controller's node pool's).
   */
  ingressPodCidr: cidr.default("10.244.0.0/16"),
  /**
   * Where order-service POSTs completed orders (the external data platform). Empty (the
   * default, as we cannot know yours): completed orders are recorded and go out once it is set.
   */
  dataPlatformUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/ })]).default(""),
  /** The data platform's addresses, for order-service's egress (a NetworkPolicy has no names). */
  dataPlatformCidr: cidr.default("0.0.0.0/0"),
  /** PostgreSQL (CloudNativePG) pods or addresses, for the egress rules. */
  postgres: peer.default({ namespace: "postgres" }),
  /** RabbitMQ (Cluster Operator) pods or addresses, for the egress rules. */
  rabbitmq: peer.default({ namespace: "rabbitmq" }),
  /** Each service's database URL Secret; the default is CloudNativePG's `<cluster>-app`. */
  databaseSecrets: databaseSecrets.prefault([]),
  /** The key of the database URL in those Secrets (CloudNativePG: `uri`). */
  databaseSecretKey: z.string().min(1).default("uri"),
  rabbitmqSecret: dns1123Subdomain.default("shop-rabbitmq"),
  rabbitmqSecretKey: z.string().min(1).default("url"),
  /**
   * The Ed25519 key pair signing the BFF's internal credentials: `private-key`, `public-key`,
   * and `next-public-key` only while the key is rotated.
   */
  internalAuthSecret: dns1123Subdomain.default("shop-internal-auth"),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]).default("info"),
  part: z.enum(PARTS).default("all"),
});

export type Settings = z.output<typeof settingsSchema>;

/** The key names inside the internal-auth Secret (docs/kubernetes.md creates it). */
export const INTERNAL_AUTH_KEYS = {
  private: "private-key",
  public: "public-key",
  nextPublic: "next-public-key",
} as const;

/** The production overlay's settings with every default (what `npm run manifests` prints). */
export const defaultSettings = (): Settings => settingsSchema.parse({});
