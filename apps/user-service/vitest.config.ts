import { defineConfig } from "vitest/config";

// Unit tests (*.test.ts) and integration tests (*.int.test.ts, against a throwaway PostgreSQL
// database per file, see src/test/database.ts) all run in one `vitest run`.
export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "src/generated/**"],
    // The machine has two cores: two workers, threads (cheaper to start than forks).
    pool: "threads",
    maxWorkers: 2,
    // Integration files create a database and apply migrations in beforeAll.
    hookTimeout: 30_000,
    testTimeout: 15_000,
  },
});
