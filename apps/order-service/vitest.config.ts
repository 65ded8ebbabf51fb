import { serviceVitestConfig } from "@shop/service-kit/vitest-config";

// The chaos run's pure parts (its seed, schedule and plan) are unit-tested beside it.
export default serviceVitestConfig({
  test: { include: ["src/**/*.test.ts", "chaos/**/*.test.ts"] },
});
