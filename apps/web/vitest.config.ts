import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./src", import.meta.url)),
      "server-only": fileURLToPath(new URL("./src/test/server-only.ts", import.meta.url)),
    },
  },
  // The services' limit (service-kit's vitest-config): a loaded two-core machine is slow to start.
  test: { include: ["src/**/*.test.ts"], environment: "node", testTimeout: 15_000 },
});
