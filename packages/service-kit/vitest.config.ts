import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    pool: "threads",
    maxWorkers: 2,
    hookTimeout: 30_000,
    testTimeout: 15_000,
  },
});
