// Plain JavaScript (types in vitest-config.d.ts): Vitest loads a config file's package imports
// with Node itself, which cannot run TypeScript on Node 20.
import { defineConfig, mergeConfig } from "vitest/config";

/**
 * A workspace's vitest.config.ts: `export default serviceVitestConfig();`. Unit tests
 * (*.test.ts) and integration tests (*.int.test.ts, each file against a throwaway PostgreSQL
 * database, see ./test/database.ts) all run in one `vitest run`. `overrides` is merged in.
 */
export function serviceVitestConfig(overrides = {}) {
  return mergeConfig(
    defineConfig({
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
    }),
    overrides,
  );
}
