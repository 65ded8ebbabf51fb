/*
 * An app's production entry, dist/main.js (scripts/build-service.mjs bundles it in front of the
 * app's own src/main.ts, bundled as dist/app.js): it decides about tracing, starts it when the
 * OTEL_* variables ask for it, and only then loads the app, so OpenTelemetry's instrumentations
 * are in place before `http` and `pg` are. With tracing off it loads nothing of the SDK.
 */
import { loadTracingConfig } from "./env";
import { startTracing } from "./tracing";

/** The app's name (service.name), set by the build from its package.json. */
declare const __SHOP_APP_NAME__: string;

await startTracing(loadTracingConfig(), {
  serviceName: __SHOP_APP_NAME__,
  appUrl: import.meta.url,
});
// A computed specifier: the bundler leaves it alone, so the app stays a module of its own.
const app = new URL("./app.js", import.meta.url).href;
await import(app);
