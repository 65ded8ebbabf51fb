/*
 * Tracing for an app run from its sources, as the system tests and the checkout benchmark run
 * the services: `node --import tsx --import @shop/service-kit/tracing-preload src/main.ts` in
 * the app's folder. A module given to --import is evaluated before the main module is loaded,
 * so the instrumentations are in place first (the built entry, traced-entry.ts, does the same
 * for dist/main.js). service.name is the app's folder name unless OTEL_SERVICE_NAME is set.
 * With no OTEL_* endpoint it does nothing.
 */
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import { loadTracingConfig } from "./env";
import { startTracing } from "./tracing";

await startTracing(loadTracingConfig(), {
  serviceName: basename(process.cwd()),
  appUrl: pathToFileURL(`${process.cwd()}/src/main.ts`).href,
});
