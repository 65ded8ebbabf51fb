import { defineConfig } from "vitest/config";

// The manifests' tests render the CLI's YAML and run each app's env parsing in a child
// process (tsx): a few seconds each, no server needed.
export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    pool: "threads",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
