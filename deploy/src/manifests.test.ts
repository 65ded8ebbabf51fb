import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as contracts from "@shop/contracts";
import type { QueueContract } from "@shop/contracts";
import { LIVENESS_PATH, READINESS_PATH } from "@shop/service-kit/probes";
import { SERVICES } from "@shop/service-kit/services";
import { containerEnv, loopbackSettings, parseAppEnv } from "./test/app-env";
import { named, ofKind, render, REPO_DIR, runCli, type Doc } from "./test/rendered";

/*
 * The manifests held to the code they deploy: each app's own env parsing accepts what its
 * Deployment gives it, ports and probe paths are the code's, each autoscaler watches a queue
 * the service really consumes, only the storefront can sign, no secret is printed, and every
 * Deployment is protected (PDB, resources, security context) and preceded by its migrations.
 * Each `it` says what turns it red.
 */

let docs: Doc[];
let deployments: Doc[];
beforeAll(() => {
  docs = render();
  deployments = ofKind(docs, "Deployment");
});

const APPS = [{ name: "web", port: 3000 }, ...SERVICES];
const containerOf = (d: Doc) => d.spec.template.spec.containers[0];
const podLabels = (d: Doc): Record<string, string> => d.spec.template.metadata.labels;
/** Whether a label selector's matchLabels select pods with these labels. */
const selects = (selector: Doc | undefined, labels: Record<string, string>) =>
  selector?.matchLabels !== undefined &&
  Object.entries(selector.matchLabels as Record<string, string>).every(([k, v]) => labels[k] === v);

describe("every app of the shop", () => {
  it("has a Deployment, a Service and a ConfigMap (red: an app of services.json left out)", () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(APPS.map((a) => a.name).sort());
    for (const app of APPS) {
      named(docs, "Service", app.name);
      named(docs, "ConfigMap", app.name);
    }
  });

  it("runs its own image: <registry>/shop-<name>:<tag> (red: another image)", () => {
    const custom = render(["--registry", "r.example/x", "--tag", "1.2.3", "--namespace", "prod"]);
    for (const d of ofKind(custom, "Deployment")) {
      expect(containerOf(d).image).toBe(`r.example/x/shop-${d.metadata.name}:1.2.3`);
    }
    for (const doc of custom.filter((d) => d.kind !== "Namespace"))
      expect(doc.metadata.namespace, `${doc.kind} ${doc.metadata.name}`).toBe("prod");
  });
});

describe("the environment each Deployment gives its app", () => {
  it("is accepted by the app's own env parsing, and points nothing at this machine", () => {
    for (const d of deployments) {
      const name = d.metadata.name as string;
      const env = containerEnv(docs, d);
      expect(env.NODE_ENV, name).toBe("production");
      const parsed = parseAppEnv(name, env);
      // Red: a variable the app requires in production missing or malformed (the dev keys
      // refused, a bad URL), or a default naming 127.0.0.1/localhost left to apply.
      expect(parsed.error, name).toBeUndefined();
      expect(loopbackSettings(parsed.config!), name).toEqual([]);
    }
  });

  it("during a key rotation, every service reads the next public key from the Secret", () => {
    for (const d of deployments.filter((d) => d.metadata.name !== "web")) {
      const env = containerEnv(docs, d, { rotating: true });
      expect(env.INTERNAL_AUTH_PUBLIC_KEY_NEXT, d.metadata.name).toMatch(/BEGIN PUBLIC KEY/);
      const parsed = parseAppEnv(d.metadata.name, env);
      expect(parsed.error, d.metadata.name).toBeUndefined();
      expect(Object.keys(parsed.config!)).toContain("INTERNAL_AUTH_PUBLIC_KEY_NEXT");
    }
  });

  it("(the check itself) sees a variable left to its local default", () => {
    const order = named(docs, "Deployment", "order-service");
    const env = containerEnv(docs, order);
    delete env.DATABASE_URL;
    delete env.DATA_PLATFORM_URL;
    const parsed = parseAppEnv("order-service", env);
    expect(parsed.ok).toBe(true);
    expect(loopbackSettings(parsed.config!).map((s) => s.split("=")[0])).toEqual([
      "DATABASE_URL",
      "DATA_PLATFORM_URL",
    ]);
    // And a service given no public key falls back to the dev key, which production refuses.
    const product = containerEnv(docs, named(docs, "Deployment", "product-service"));
    delete product.INTERNAL_AUTH_PUBLIC_KEY;
    expect(parseAppEnv("product-service", product).error).toMatch(/INTERNAL_AUTH_PUBLIC_KEY/);
  });

  it("gives the storefront the public origin, the proxy range and secure cookies", () => {
    const flags = ["--host", "shop.test", "--ingress-pod-cidr", "10.9.0.0/16"];
    const custom = render(flags);
    const web = named(custom, "ConfigMap", "web").data;
    expect(web).toMatchObject({
      ALLOWED_ORIGINS: "https://shop.test",
      TRUST_PROXY: "10.9.0.0/16",
      COOKIE_SECURE: "true",
    });
    for (const s of SERVICES) {
      const variable = `${s.name.toUpperCase().replace(/-/g, "_")}_URL`;
      expect(web[variable]).toBe(`http://${s.name}:${s.port}`);
    }
    const ingress = named(custom, "Ingress", "web");
    expect(ingress.spec.tls[0].hosts).toEqual(["shop.test"]);
    expect(ingress.spec.rules[0].host).toBe("shop.test");
  });
});

describe("ports and probes", () => {
  it("listens, serves and is configured on the port of services.json (web: 3000)", () => {
    for (const app of APPS) {
      const d = named(docs, "Deployment", app.name);
      const ports = containerOf(d).ports;
      expect(ports, app.name).toEqual([{ name: "http", containerPort: app.port, protocol: "TCP" }]);
      expect(named(docs, "ConfigMap", app.name).data.PORT).toBe(String(app.port));
      const service = named(docs, "Service", app.name);
      expect(service.spec.ports).toEqual([
        { name: "http", port: app.port, targetPort: "http", protocol: "TCP" },
      ]);
      expect(
        selects(service.spec.selector && { matchLabels: service.spec.selector }, podLabels(d)),
      ).toBe(true);
      const policy = named(docs, "NetworkPolicy", app.name);
      expect(policy.spec.ingress.map((r: Doc) => r.ports)).toEqual([
        [{ protocol: "TCP", port: app.port }],
      ]);
    }
  });

  it("probes liveness at LIVENESS_PATH and readiness at READINESS_PATH, on the app's port", () => {
    for (const d of deployments) {
      const c = containerOf(d);
      expect(c.livenessProbe.httpGet.path).toBe(LIVENESS_PATH);
      expect(c.startupProbe.httpGet.path).toBe(LIVENESS_PATH);
      expect(c.readinessProbe.httpGet.path).toBe(READINESS_PATH);
      for (const probe of [c.livenessProbe, c.startupProbe, c.readinessProbe])
        expect(probe.httpGet.port).toBe("http");
    }
  });

  it("pauses before SIGTERM and waits longer than that pause and the 10 s drain", () => {
    for (const d of deployments) {
      const pause = containerOf(d).lifecycle.preStop.sleep.seconds;
      expect(pause).toBeGreaterThanOrEqual(3);
      // http-server.ts's shutdownGraceMs and web's main.ts both end a drain at 10 s.
      expect(d.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(pause + 10);
    }
  });
});

/** The contracts' queues by their exported name (PRODUCT_COMMANDS, ...). */
const QUEUES = Object.entries(contracts).filter(
  (entry): entry is [string, QueueContract] =>
    typeof entry[1] === "object" &&
    entry[1] !== null &&
    "name" in entry[1] &&
    "messages" in entry[1] &&
    Array.isArray((entry[1] as QueueContract).messages),
);

describe("scaling", () => {
  it("scales each saga participant and the orchestrator on a queue it consumes (contracts)", () => {
    const scaled = ofKind(docs, "ScaledObject");
    expect(scaled.map((s) => s.spec.scaleTargetRef.name).sort()).toEqual(
      ["coupon-service", "order-service", "payment-service", "product-service"].sort(),
    );
    const auths = ofKind(docs, "TriggerAuthentication");
    for (const s of scaled) {
      const service = s.spec.scaleTargetRef.name as string;
      const source = readFileSync(
        path.join(REPO_DIR, "apps", service, "src", "service.ts"),
        "utf8",
      );
      for (const trigger of s.spec.triggers) {
        expect(trigger.type).toBe("rabbitmq");
        const queue = QUEUES.find(([, q]) => q.name === trigger.metadata.queueName);
        // Red: a queue name the contracts do not define, or one this service does not consume.
        expect(queue, `${service}: ${trigger.metadata.queueName}`).toBeDefined();
        expect(source, `${service} consumes ${queue![0]}`).toContain(`queueFor(${queue![0]})`);
        const auth = auths.find((a) => a.metadata.name === trigger.authenticationRef.name);
        expect(auth?.spec.secretTargetRef).toEqual([
          { parameter: "host", name: "shop-rabbitmq", key: "url" },
        ]);
      }
    }
  });

  it("keeps at least 2 pods (3 of the storefront), one more than each PDB's floor", () => {
    for (const d of deployments) {
      const name = d.metadata.name as string;
      const hpa = ofKind(docs, "HorizontalPodAutoscaler").find(
        (h) => h.spec.scaleTargetRef.name === name,
      );
      const scaled = ofKind(docs, "ScaledObject").find((s) => s.spec.scaleTargetRef.name === name);
      const min: number = hpa?.spec.minReplicas ?? scaled?.spec.minReplicaCount ?? d.spec.replicas;
      expect(min, name).toBeGreaterThanOrEqual(name === "web" ? 3 : 2);
      // An autoscaler owns the count: a count in the Deployment would reset it on each apply.
      if (hpa || scaled) expect(d.spec.replicas, name).toBeUndefined();
      const pdb = named(docs, "PodDisruptionBudget", name);
      expect(min, name).toBeGreaterThanOrEqual(pdb.spec.minAvailable + 1);
    }
    const web = ofKind(docs, "HorizontalPodAutoscaler").find((h) => h.metadata.name === "web");
    expect(web?.spec.metrics[0].resource.name).toBe("cpu");
  });

  it("points every autoscaler at a Deployment printed here, and the Ingress at web's Service", () => {
    for (const a of [...ofKind(docs, "HorizontalPodAutoscaler"), ...ofKind(docs, "ScaledObject")]) {
      const { apiVersion, kind, name } = a.spec.scaleTargetRef;
      expect(`${apiVersion} ${kind}`, a.metadata.name).toBe("apps/v1 Deployment");
      named(docs, "Deployment", name);
    }
    const backend = named(docs, "Ingress", "web").spec.rules[0].http.paths[0].backend.service;
    expect(backend.port.number).toBe(named(docs, "Service", backend.name).spec.ports[0].port);
  });
});

describe("secrets", () => {
  const envNames = (d: Doc) => (containerOf(d).env ?? []).map((e: Doc) => e.name as string);

  it("gives the private key to the storefront only, the public key to every service", () => {
    for (const d of deployments) {
      const name = d.metadata.name;
      const refs = (containerOf(d).env ?? []).map((e: Doc) => e.valueFrom?.secretKeyRef?.key);
      if (name === "web") {
        expect(envNames(d)).toContain("INTERNAL_AUTH_PRIVATE_KEY");
        expect(envNames(d)).not.toContain("INTERNAL_AUTH_PUBLIC_KEY");
      } else {
        expect(envNames(d), name).not.toContain("INTERNAL_AUTH_PRIVATE_KEY");
        expect(refs, name).not.toContain("private-key");
        expect(envNames(d), name).toContain("INTERNAL_AUTH_PUBLIC_KEY");
      }
    }
    for (const job of ofKind(docs, "Job"))
      expect(JSON.stringify(job)).not.toMatch(/private-key|INTERNAL_AUTH/);
  });

  it("prints no Secret and no secret value, only references", () => {
    expect(ofKind(docs, "Secret")).toEqual([]);
    const text = JSON.stringify(docs);
    expect(text).not.toMatch(/-----BEGIN|PRIVATE KEY-----|LS0tLS1CRUdJTi/);
    // No URL with credentials in it (postgresql://user:password@..., amqp://...).
    expect(text).not.toMatch(/[a-z]+:\/\/[^/"@\s]+:[^/"@\s]+@/);
    const sensitive = /KEY|SECRET|PASSWORD|TOKEN|DATABASE_URL|RABBITMQ_URL/;
    for (const cm of ofKind(docs, "ConfigMap"))
      expect(
        Object.keys(cm.data).filter((k) => sensitive.test(k)),
        cm.metadata.name,
      ).toEqual([]);
    for (const pod of [...deployments, ...ofKind(docs, "Job")])
      for (const e of containerOf(pod).env ?? [])
        if (sensitive.test(e.name)) expect(e.valueFrom?.secretKeyRef, e.name).toBeDefined();
  });
});

describe("every Deployment is protected", () => {
  it("has a PodDisruptionBudget selecting its pods", () => {
    for (const d of deployments) {
      const pdb = named(docs, "PodDisruptionBudget", d.metadata.name);
      expect(selects(pdb.spec.selector, podLabels(d))).toBe(true);
    }
  });

  it("has requests and limits for CPU and memory, requests under limits", () => {
    const bytes = (q: string) => Number(q.replace(/Mi$/, "")) * 2 ** 20;
    for (const pod of [...deployments, ...ofKind(docs, "Job")]) {
      const { requests, limits } = containerOf(pod).resources;
      for (const r of ["cpu", "memory"]) {
        expect(requests[r], `${pod.metadata.name} ${r}`).toBeDefined();
        expect(limits[r], `${pod.metadata.name} ${r}`).toBeDefined();
      }
      expect(bytes(requests.memory)).toBeLessThanOrEqual(bytes(limits.memory));
    }
  });

  it("runs as uid 1000, non-root, read-only, unprivileged, no capabilities, RuntimeDefault", () => {
    for (const pod of [...deployments, ...ofKind(docs, "Job")]) {
      const spec = pod.spec.template.spec;
      expect(spec.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 1000,
        seccompProfile: { type: "RuntimeDefault" },
      });
      expect(spec.automountServiceAccountToken).toBe(false);
      for (const c of spec.containers)
        expect(c.securityContext).toMatchObject({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ["ALL"] },
        });
    }
  });

  it("mounts a writable emptyDir at /tmp (and Next's cache for the storefront)", () => {
    for (const d of deployments) {
      const volumes = new Map<string, Doc>(
        d.spec.template.spec.volumes.map((v: Doc) => [v.name, v]),
      );
      const mounted = containerOf(d)
        .volumeMounts.filter((m: Doc) => volumes.get(m.name)?.emptyDir)
        .map((m: Doc) => m.mountPath);
      const expected = d.metadata.name === "web" ? ["/tmp", "/app/apps/web/.next/cache"] : ["/tmp"];
      expect(mounted.sort()).toEqual(expected.sort());
    }
  });
});

describe("migrations", () => {
  it("has a Job per service database, in the service's image, with its DATABASE_URL", () => {
    const jobs = ofKind(docs, "Job");
    for (const s of SERVICES) {
      const job = jobs.find((j) => j.metadata.labels["app.kubernetes.io/name"] === s.name);
      expect(job, s.name).toBeDefined();
      const c = containerOf(job!);
      const d = named(docs, "Deployment", s.name);
      expect(c.image).toBe(containerOf(d).image);
      expect(c.command).toEqual([
        "node",
        `apps/${s.name}/dist/migrate.js`,
        `apps/${s.name}/prisma/migrations`,
      ]);
      expect(existsSync(path.join(REPO_DIR, c.command[2]))).toBe(true);
      const dbRef = (pod: Doc) =>
        containerOf(pod).env.find((e: Doc) => e.name === "DATABASE_URL").valueFrom.secretKeyRef;
      expect(dbRef(job!)).toEqual(dbRef(d));
      expect(job!.metadata.annotations["argocd.argoproj.io/sync-wave"]).toBe("-1");
      // What docs/kubernetes.md's `kubectl wait ... -l` selects, on the Job and on its pod.
      const waitLabels = {
        "app.kubernetes.io/component": "migrations",
        "app.kubernetes.io/version": "latest",
      };
      expect(job!.metadata.labels).toMatchObject(waitLabels);
      expect(named(docs, "NetworkPolicy", "migrations").spec.podSelector.matchLabels).toEqual(
        expect.objectContaining({ "app.kubernetes.io/component": "migrations" }),
      );
      expect(
        selects(
          named(docs, "NetworkPolicy", "migrations").spec.podSelector,
          job!.spec.template.metadata.labels,
        ),
      ).toBe(true);
    }
    expect(jobs).toHaveLength(SERVICES.length);
  });

  it("prints the Jobs alone with --part migrations, the apps alone with --part apps", () => {
    const migrations = render(["--part", "migrations"]);
    const apps = render(["--part", "apps"]);
    expect(new Set(migrations.map((d) => d.kind))).toEqual(
      new Set(["Namespace", "NetworkPolicy", "Job"]),
    );
    expect(ofKind(apps, "Job")).toEqual([]);
    expect(ofKind(apps, "Deployment")).toHaveLength(APPS.length);
    // The namespace and the default-deny policy are in both.
    expect(migrations.length + apps.length - 2).toBe(docs.length);
  });

  it("refuses an unknown flag or a bad value, naming it", () => {
    expect(runCli(["--colour"]).status).not.toBe(0);
    const bad = runCli(["--part", "everything", "--postgres", "somewhere"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/part/);
    expect(bad.stderr).toMatch(/somewhere/);
  });
});

describe("network policies", () => {
  const policy = (name: string) => named(docs, "NetworkPolicy", name);

  it("denies all traffic in the namespace unless a policy allows it", () => {
    expect(policy("default-deny").spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
    });
  });

  it("lets only the ingress controller reach the storefront, only the storefront a service", () => {
    expect(policy("web").spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } },
    ]);
    const webPods = podLabels(named(docs, "Deployment", "web"));
    for (const s of SERVICES) {
      const [from] = policy(s.name).spec.ingress[0].from;
      expect(Object.keys(from)).toEqual(["podSelector"]);
      expect(selects(from.podSelector, webPods)).toBe(true);
    }
  });

  it("has no service call another over HTTP (else its policy must let it)", () => {
    // Red: a service's code reads another's *_SERVICE_URL; its egress and the callee's
    // ingress would then need a rule.
    const dirs = SERVICES.map((s) => `apps/${s.name}/src`);
    const grep = spawnSync("grep", ["-rlE", "[A-Z]+_SERVICE_URL", ...dirs], {
      cwd: REPO_DIR,
      encoding: "utf8",
    });
    expect(grep.stdout).toBe("");
    expect(grep.status).toBe(1); // grep: no line matched (2 would be an error)
  });

  it("lets the storefront reach the services, order-service the data platform, each its own", () => {
    const egressPorts = (name: string) =>
      policy(name).spec.egress.flatMap((r: Doc) => r.ports.map((p: Doc) => p.port));
    expect(egressPorts("web").sort()).toEqual([53, 53, ...SERVICES.map((s) => s.port)].sort());
    // No data platform named (the default): order-service reaches out to nothing else.
    expect(egressPorts("order-service").sort()).toEqual([53, 53, 5432, 5672].sort());
    const platform = render([
      "--data-platform-url",
      "https://platform.test/orders",
      "--data-platform-cidr",
      "203.0.113.0/24",
    ]);
    const out = named(platform, "NetworkPolicy", "order-service").spec.egress.find((r: Doc) =>
      r.ports.some((p: Doc) => p.port === 443),
    );
    expect(out.to).toEqual([{ ipBlock: { cidr: "203.0.113.0/24" } }]);
    expect(named(platform, "ConfigMap", "order-service").data.DATA_PLATFORM_URL).toBe(
      "https://platform.test/orders",
    );
    expect(egressPorts("user-service").sort()).toEqual([53, 53, 5432].sort());
    for (const name of ["product-service", "coupon-service", "payment-service"])
      expect(egressPorts(name).sort()).toEqual([53, 53, 5432, 5672].sort());
    const cidr = render(["--rabbitmq", "cidr:10.50.0.0/24"]);
    const rule = named(cidr, "NetworkPolicy", "payment-service").spec.egress.find((r: Doc) =>
      r.ports.some((p: Doc) => p.port === 5672),
    );
    expect(rule.to).toEqual([{ ipBlock: { cidr: "10.50.0.0/24" } }]);
  });
});
