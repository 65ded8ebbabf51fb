/**
 * The architecture's rules, checked on every `npm run lint`:
 * - hexagonal layers point inward (domain <- application <- adapters <- main);
 * - packages/kernel (Result, Clock, IdGenerator, Actor) is the one package a domain or a use
 *   case may import, and it imports nothing itself;
 * - no app depends on another app at run time (a service's API *type* is the only exception:
 *   the BFF builds its typed client from it, and types vanish at build), but the embedded
 *   host, which reads each service's description and settings and nothing else;
 * - only the BFF can sign internal credentials (a service's code never reaches the signer);
 * - contracts need zod and the kernel only; RabbitMQ is reached only through @shop/messaging's adapter;
 * - packages never depend on apps, nor the manifests (deploy/) on an app; no cycles.
 */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment:
        "The domain imports nothing outward: no application, adapters, frameworks or drivers (only the pure kernel).",
      severity: "error",
      from: { path: "^apps/[^/]+/src/domain/" },
      to: {
        pathNot: ["^apps/[^/]+/src/domain/", "^packages/kernel/src/"],
      },
    },
    {
      name: "application-knows-only-ports",
      comment: "Use cases depend on the domain and their ports, never on adapters or frameworks.",
      severity: "error",
      from: { path: "^apps/[^/]+/src/application/" },
      to: {
        pathNot: ["^apps/[^/]+/src/(domain|application)/", "^packages/kernel/src/"],
      },
    },
    {
      name: "kernel-is-pure",
      comment:
        "The kernel is what domains and use cases may import, so it imports nothing: no package, framework or node built-in.",
      severity: "error",
      from: { path: "^packages/kernel/src/" },
      to: { pathNot: "^packages/kernel/src/" },
    },
    {
      name: "adapters-in-do-not-reach-out",
      comment: "Inbound adapters call use cases; they do not use outbound adapters directly.",
      severity: "error",
      from: { path: "^apps/[^/]+/src/adapters/in/" },
      to: { path: "^apps/[^/]+/src/adapters/out/" },
    },
    {
      name: "no-app-imports-another-app",
      comment:
        "Apps talk over the network or the broker. Only type-only imports of a service API are allowed.",
      severity: "error",
      from: { path: "^apps/([^/]+)/", pathNot: "^apps/service-host/" },
      to: {
        path: "^apps/([^/]+)/",
        pathNot: "^apps/$1/",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "the-host-reads-only-descriptions",
      comment:
        "The embedded host composes the services: it may import each one's description (src/service.ts) and settings (src/env.ts), nothing else of theirs.",
      severity: "error",
      from: { path: "^apps/service-host/" },
      to: {
        path: "^apps/(?!service-host/)[^/]+/",
        pathNot: "^apps/[^/]+/src/(service|env)\\.ts$",
      },
    },
    {
      name: "only-the-bff-signs",
      comment:
        "Only the BFF holds the private key and signs internal credentials; a service only verifies (internal-auth.ts).",
      severity: "error",
      from: { path: "^apps/", pathNot: "^apps/web/" },
      to: { path: "^packages/service-kit/src/internal-auth-signer\\.ts$" },
    },
    {
      name: "contracts-only-need-zod",
      comment:
        "Contracts (message definitions included) are shared by every service and the browser: zod and the pure kernel, no broker client, driver or Node built-in.",
      severity: "error",
      from: { path: "^packages/contracts/src/" },
      to: {
        pathNot: ["^packages/contracts/", "^packages/kernel/src/", "node_modules/zod/"],
      },
    },
    {
      name: "rabbitmq-only-through-messaging",
      comment:
        "Services use @shop/messaging's transport port; only its RabbitMQ adapter talks to rabbitmq-client, so queue arguments are declared in one place.",
      severity: "error",
      from: { pathNot: "^packages/messaging/src/rabbit-transport\\.ts$" },
      to: { path: "node_modules/rabbitmq-client/" },
    },
    {
      name: "manifests-read-only-shared-packages",
      comment:
        "deploy/ renders the manifests from the shared facts (services.json, probe paths, queue contracts); an app's code is not imported (its tests run an app's env parsing in a child process).",
      severity: "error",
      from: { path: "^deploy/" },
      to: { path: "^apps/" },
    },
    {
      name: "packages-do-not-import-apps",
      severity: "error",
      from: { path: "^packages/" },
      to: { path: "^apps/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // npm packages are seen (so a rule can name one) but not followed into.
    doNotFollow: { path: "node_modules" },
    exclude: {
      path: ["/generated/", "/dist/", "/\\.next", "\\.test\\.ts$", "/test/", "/e2e/"],
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.depcruise.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs"],
    },
  },
};
