// Bundles an app's src/main.ts into dist/app.js for production, behind dist/main.js (the entry
// that starts OpenTelemetry first when the OTEL_* variables ask for it, then loads app.js:
// packages/service-kit/src/traced-entry.ts), and a service's migration
// runner (packages/service-kit/src/migrate-cli.ts) into dist/migrate.js, so its image can
// migrate its own database: `node dist/migrate.js prisma/migrations`. Workspace packages
// (@shop/*, plain TypeScript) are bundled in; npm dependencies stay external and are loaded
// from node_modules, so native and wasm assets resolve as their authors intended.
// `--external=next,pino` (the storefront): bundle every npm dependency but those, which are the
// ones Next's standalone output carries in its node_modules (the image has no other).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const keepExternal = process.argv
  .find((a) => a.startsWith("--external="))
  ?.slice("--external=".length)
  .split(",");
const packageOf = (spec) => spec.split("/", spec.startsWith("@") ? 2 : 1).join("/");

const externalNpmPackages = {
  name: "external-npm-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@shop/")) return undefined;
      if (args.path.startsWith("node:")) return { path: args.path, external: true };
      if (keepExternal && !keepExternal.includes(packageOf(args.path))) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const kit = (file) =>
  fileURLToPath(new URL(`../packages/service-kit/src/${file}`, import.meta.url));
const entryPoints = [
  { in: kit("traced-entry.ts"), out: "main" },
  { in: "src/main.ts", out: "app" },
];
if (existsSync("prisma/migrations"))
  entryPoints.push({
    in: kit("migrate-cli.ts"),
    out: "migrate",
  });

await build({
  entryPoints,
  outdir: "dist",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  plugins: [externalNpmPackages],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  // service.name of the app's traces: "order-service", "web".
  define: { __SHOP_APP_NAME__: JSON.stringify(pkg.name.replace(/^@shop\//, "")) },
  logLevel: "warning",
});
console.log(`built ${pkg.name} -> ${entryPoints.map((e) => `dist/${e.out}.js`).join(", ")}`);
