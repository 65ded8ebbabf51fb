// The Dockerfile rules (image-rules.mjs) and the interpreter the image test builds with
// (dockerfile.mjs): the real Dockerfiles keep the rules, and each broken copy is caught.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { buildImage, dockerignore, parseDockerfile } from "./dockerfile.mjs";
import {
  dockerfileProblems,
  dockerignoreProblems,
  imageApps,
  serviceDockerfileDrift,
} from "./image-rules.mjs";
import { WEB_NODE_FLAGS } from "./stack.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const read = (p) => readFileSync(path.join(ROOT, p), "utf8");
const order = imageApps().find((a) => a.name === "order-service");

test("every production app has a Dockerfile that keeps the rules, web and the five services", () => {
  assert.deepEqual(
    imageApps().map((a) => a.image),
    [
      "web",
      ...JSON.parse(read("packages/service-kit/services.json"))
        .filter((s) => s.database)
        .map((s) => s.name),
    ].map((n) => `shop-${n}`),
  );
  for (const app of imageApps())
    assert.deepEqual(dockerfileProblems(read(app.dockerfile), app), []);
  assert.deepEqual(dockerignoreProblems(read(".dockerignore")), []);
});

test("the services' Dockerfiles are one recipe, differing only in the name and the port", () => {
  const texts = Object.fromEntries(
    imageApps()
      .filter((a) => a.migrations)
      .map((a) => [a.name, read(a.dockerfile)]),
  );
  assert.deepEqual(serviceDockerfileDrift(texts), []);
  const drifted = {
    ...texts,
    "coupon-service": texts["coupon-service"].replace("--prefer-offline", ""),
  };
  assert.deepEqual(serviceDockerfileDrift(drifted), [
    "apps/coupon-service/Dockerfile differs from apps/product-service/Dockerfile beyond the service's name and port",
  ]);
});

test("the storefront's image runs node with the same flags as npm start (its heap size)", () => {
  const cmd = parseDockerfile(read("apps/web/Dockerfile"))
    .flatMap((stage) => stage.steps)
    .findLast((step) => step.op === "CMD");
  assert.deepEqual(cmd.exec, ["node", ...WEB_NODE_FLAGS, "apps/web/dist/main.js"]);
});

test("a Dockerfile that breaks a rule is caught, one problem per break", () => {
  const good = read(order.dockerfile);
  const broken = (from, to) => {
    assert.ok(good.includes(from), `the sample still has ${from}`);
    return dockerfileProblems(good.replace(from, to), order);
  };
  const one = (problems, pattern) => {
    assert.equal(problems.length, 1, problems.join("; "));
    assert.match(problems[0], pattern);
  };
  one(broken("USER node", "USER root"), /non-root USER/);
  one(broken("\nUSER node", ""), /non-root USER/);
  one(broken("NODE_ENV=production", "NODE_ENV=development"), /NODE_ENV=production/);
  one(broken("PORT=4005", "PORT=4001"), /PORT=4005/);
  one(broken("/health')", "/')"), /HEALTHCHECK must ask \/health/);
  one(
    broken(
      'CMD ["node", "apps/order-service/dist/main.js"]',
      "CMD node apps/order-service/dist/main.js",
    ),
    /exec form/,
  );
  const cmd = 'CMD ["node", "apps/order-service/dist/main.js"]';
  assert.deepEqual(
    broken(cmd, 'CMD ["node", "--max-old-space-size=256", "apps/order-service/dist/main.js"]'),
    [],
  );
  one(broken(cmd, 'CMD ["node", "tsx", "apps/order-service/dist/main.js"]'), /exec form/);
  one(
    broken("node:20.20.2-bookworm-slim AS runner", "node:20-slim AS runner"),
    /pin the base image/,
  );
  one(broken("node:20.20.2-bookworm-slim AS build", "node:latest AS build"), /pin the base image/);
  one(broken(" --docker", ""), /turbo prune @shop\/order-service --docker/);
  one(broken("turbo@2.11.11 run", "turbo@2.10.0 run"), /turbo@2.10.0/);
  one(broken("# writable: /tmp\n", ""), /which paths must be writable/);
  one(broken("# writable: /tmp", "# writable: /var/data"), /writable paths are \/tmp/);
  const migrations =
    "COPY --from=build /app/apps/order-service/prisma/migrations ./apps/order-service/prisma/migrations\n";
  one(broken(migrations, ""), /prisma\/migrations/);
  one(broken("WORKDIR /app\nENV", "WORKDIR /srv\nENV"), /WORKDIR must be \/app/);
  one(broken("EXPOSE 4005", "EXPOSE 80"), /EXPOSE 4005/);
  one(
    broken('CMD ["node", "apps/', 'ENTRYPOINT ["node", "apps/'),
    /ENTRYPOINT is not an instruction/,
  );
});

test(".dockerignore: folders matched at any depth, negations last-match-wins, and a missing file", () => {
  const ignored = dockerignore("**/node_modules\n.git\n*.log\n!keep.log\n");
  assert.ok(ignored("node_modules"));
  assert.ok(ignored("apps/web/node_modules/next/package.json"));
  assert.ok(ignored(".git"));
  assert.ok(!ignored("apps/.git"));
  assert.ok(ignored("x.log") && !ignored("keep.log"));
  assert.ok(!ignored("apps/web/src/main.ts"));
  assert.deepEqual(dockerignoreProblems(null), [
    "there is no .dockerignore at the repository's root",
  ]);
  assert.match(dockerignoreProblems("node_modules\n").join("; "), /apps\/web\/node_modules/);
});

test("the interpreter refuses what it does not implement", () => {
  for (const [text, pattern] of [
    ["FROM a:1.2.3\nADD x /y", /ADD is not an instruction/],
    ["FROM a:1.2.3\nCOPY --link x y", /--link is not supported/],
    ["FROM a:1.2.3\nCOPY src/*.ts y/", /wildcards/],
    ["FROM a:1.2.3\nCMD node x.js", /exec form/],
    ["RUN x", /before the first FROM/],
  ])
    assert.throws(() => parseDockerfile(text), pattern);
});

test("buildImage: stages in their own folders, COPY from the context and from a stage, RUN in WORKDIR", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dockerfile-test-"));
  try {
    const context = path.join(dir, "context");
    mkdirSync(path.join(context, "src", "node_modules"), { recursive: true });
    writeFileSync(path.join(context, "src", "a.txt"), "A");
    writeFileSync(path.join(context, "src", "node_modules", "x"), "X");
    writeFileSync(path.join(context, ".dockerignore"), "**/node_modules\n");
    writeFileSync(
      path.join(context, "Dockerfile"),
      [
        "FROM node:20.20.2-bookworm-slim AS one",
        "WORKDIR /w",
        "COPY src ./src",
        "ENV GREETING=hello",
        'RUN cat src/a.txt > out.txt && echo "$GREETING" >> out.txt && ls src > ls.txt',
        "FROM node:20.20.2-bookworm-slim AS unused",
        "RUN exit 1",
        "FROM node:20.20.2-bookworm-slim AS final",
        "WORKDIR /app",
        "ENV PORT=1 \\",
        "  HOST=0.0.0.0",
        "COPY --from=one /w/out.txt /w/ls.txt ./",
        "USER node",
        'CMD ["node", "x.js"]',
      ].join("\n"),
    );
    const image = await buildImage({
      dockerfile: path.join(context, "Dockerfile"),
      context,
      workRoot: path.join(dir, "work"),
    });
    assert.equal(readFileSync(path.join(image.root, "app", "out.txt"), "utf8"), "Ahello\n");
    assert.equal(readFileSync(path.join(image.root, "app", "ls.txt"), "utf8"), "a.txt\n"); // no node_modules
    assert.deepEqual(image.env, { PORT: "1", HOST: "0.0.0.0" });
    assert.equal(image.user, "node");
    assert.equal(image.workdir, "/app");
    assert.deepEqual(image.cmd, ["node", "x.js"]);
    assert.deepEqual(
      image.timings.map((t) => t.stage),
      ["one"],
    ); // "unused" never ran
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
