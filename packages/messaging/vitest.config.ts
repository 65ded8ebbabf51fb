import { defineConfig } from "vitest/config";

// Unit tests (*.test.ts) and integration tests (*.int.test.ts) run in one `vitest run`. The
// integration files need PostgreSQL (TEST_DATABASE_URL, a throwaway database per file) and
// RabbitMQ (TEST_RABBITMQ_URL); each run uses its own exchange and queue names and deletes them.
export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    pool: "threads",
    maxWorkers: 2,
    hookTimeout: 30_000,
    testTimeout: 20_000,
  },
});
