// Shared flat config for every workspace. Type-aware rules are left out on purpose: they
// double lint time on a 2-core machine and `tsc --noEmit` already runs as its own task.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Config is read once, in each app's src/env.ts; everything else receives typed values. */
const noProcessEnv = {
  files: ["**/*.ts", "**/*.tsx"],
  ignores: ["**/env.ts", "**/*.config.ts", "**/*.test.ts", "**/test/**", "**/e2e/**", "prisma/**"],
  rules: {
    "no-restricted-properties": [
      "error",
      {
        object: "process",
        property: "env",
        message: "Read configuration in src/env.ts (parsed once with zod) and pass it in.",
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/.next*/**",
      "**/generated/**",
      "**/node_modules/**",
      "**/test-results/**",
      "**/next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "error",
    },
  },
  noProcessEnv,
);
