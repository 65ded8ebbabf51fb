// The rules every image of the shop keeps, checked on the Dockerfile itself (the lint we
// cannot install here, plus the shop's own contract: names, ports, entry points, migrations).
// Each problem is one sentence naming what is wrong; none means the file keeps them all.
import { readFileSync } from "node:fs";
import { dockerignore, parseDockerfile } from "./dockerfile.mjs";

const ROOT = new URL("../../", import.meta.url);
const readJson = (p) => JSON.parse(readFileSync(new URL(p, ROOT), "utf8"));

/**
 * The production apps that have an image: the storefront and each service with a database
 * (services.json). The service host (embedded mode only) and the stand-ins have none.
 */
export function imageApps() {
  const services = readJson("packages/service-kit/services.json").filter((s) => s.database);
  return [
    { name: "web", workspace: "@shop/web", port: 3000, migrations: false },
    ...services.map((s) => ({
      name: s.name,
      workspace: s.workspace,
      port: s.port,
      migrations: true,
    })),
  ].map((app) => ({
    ...app,
    image: `shop-${app.name}`,
    dockerfile: `apps/${app.name}/Dockerfile`,
  }));
}

/**
 * The paths a Dockerfile says must be writable, from its `# writable: /tmp ...` line (the
 * manifests mount an emptyDir on each; the image test makes exactly these writable).
 */
export function writablePaths(text) {
  const line = /^# writable: (.+)$/m.exec(text);
  return line ? line[1].trim().split(/\s+/) : null;
}

/** A base image pinned by a full version tag (node:20.20.2-bookworm-slim), never latest. */
const PINNED = /^[a-z0-9./-]+:\d+\.\d+\.\d+[-a-z0-9.]*$/;

/** The problems of `text` as the Dockerfile of `app` ({ name, workspace, port, migrations }). */
export function dockerfileProblems(
  text,
  app,
  turboVersion = readJson("package.json").devDependencies.turbo,
) {
  const problems = [];
  let stages;
  try {
    stages = parseDockerfile(text, app.dockerfile);
  } catch (err) {
    return [err.message];
  }
  const stageNames = new Set(stages.map((s) => s.name));
  for (const s of stages)
    if (!stageNames.has(s.base) && !PINNED.test(s.base))
      problems.push(`FROM ${s.base}: pin the base image by a full version tag`);
  const runs = stages.flatMap((s) => s.steps.filter((x) => x.op === "RUN").map((x) => x.command));
  const prune = runs.find((c) => /\bturbo(@\S+)? prune\b/.test(c));
  if (!prune || !prune.includes(` prune ${app.workspace} --docker`))
    problems.push(`no RUN turbo prune ${app.workspace} --docker`);
  for (const [, pinned] of runs.join("\n").matchAll(/turbo@(\S+)/g))
    if (pinned !== turboVersion)
      problems.push(`turbo@${pinned} in a RUN step, but the repository uses turbo ${turboVersion}`);

  const final = stages.at(-1);
  const last = (op) => final.steps.filter((x) => x.op === op).at(-1);
  const env = Object.fromEntries(final.steps.filter((x) => x.op === "ENV").flatMap((x) => x.pairs));
  const user = last("USER")?.value;
  if (!user || ["root", "0"].includes(user.split(":")[0]))
    problems.push("the final stage must run as a non-root USER (node, uid 1000)");
  else if (!["node", "1000"].includes(user.split(":")[0]))
    problems.push(`USER ${user}: the shop's images run as node (uid 1000)`);
  if (last("WORKDIR")?.value !== "/app") problems.push("the final stage's WORKDIR must be /app");
  if (env.NODE_ENV !== "production") problems.push("the final stage must set NODE_ENV=production");
  if (env.HOST !== "0.0.0.0") problems.push("the final stage must set HOST=0.0.0.0");
  if (env.PORT !== String(app.port)) problems.push(`the final stage must set PORT=${app.port}`);
  if (!final.steps.some((x) => x.op === "EXPOSE" && x.value === String(app.port)))
    problems.push(`the final stage must EXPOSE ${app.port}`);
  const health = last("HEALTHCHECK");
  if (!health) problems.push("the final stage has no HEALTHCHECK");
  else if (health.exec[0] !== "node" || !health.exec.some((a) => a.includes("/health")))
    problems.push("the HEALTHCHECK must ask /health with node itself (slim images have no curl)");
  const cmd = last("CMD");
  const main = `apps/${app.name}/dist/main.js`;
  if (!cmd) problems.push("the final stage has no CMD");
  // Node's own flags may come first (the storefront sizes its heap: scripts/lib/stack.mjs).
  else if (
    cmd.exec[0] !== "node" ||
    cmd.exec.at(-1) !== main ||
    !cmd.exec.slice(1, -1).every((a) => a.startsWith("--"))
  )
    problems.push(
      `CMD must be ["node", (node's flags,) "${main}"] (exec form, so SIGTERM reaches node)`,
    );
  const copied = final.steps.filter((x) => x.op === "COPY").map((x) => x.dest.replace(/^\.\//, ""));
  if (app.migrations && !copied.includes(`apps/${app.name}/prisma/migrations`))
    problems.push(
      `the final stage must hold apps/${app.name}/prisma/migrations (the migrate command)`,
    );
  const writable = writablePaths(text);
  if (!writable)
    problems.push(
      "say which paths must be writable in a `# writable: /tmp ...` line (the root is read-only)",
    );
  else if (
    !writable.includes("/tmp") ||
    !writable.every((p) => p === "/tmp" || p.startsWith("/app/"))
  )
    problems.push("the writable paths are /tmp and folders under /app");
  return problems;
}

/** The problems of the build context's .dockerignore (`text`, or null when there is none). */
export function dockerignoreProblems(text) {
  if (text === null) return ["there is no .dockerignore at the repository's root"];
  const ignored = dockerignore(text);
  const must = [
    "node_modules",
    "apps/web/node_modules",
    "apps/web/.next",
    "apps/x/dist",
    ".git",
    ".shop",
    ".turbo",
  ];
  return must.filter((p) => !ignored(p)).map((p) => `.dockerignore must exclude ${p}`);
}

/**
 * The services' Dockerfiles are one recipe: each is the others with its own name and port.
 * They stay separate files (`docker build -f apps/<name>/Dockerfile`, what a reader and a CI
 * expect), and this keeps them from drifting apart. `texts` maps a service's name to its text.
 */
export function serviceDockerfileDrift(texts) {
  const apps = imageApps().filter((a) => a.migrations);
  const shape = (app) =>
    texts[app.name].replaceAll(app.name, "<service>").replaceAll(String(app.port), "<port>");
  const [first, ...rest] = apps;
  return rest
    .filter((app) => shape(app) !== shape(first))
    .map(
      (app) =>
        `${app.dockerfile} differs from ${first.dockerfile} beyond the service's name and port`,
    );
}
