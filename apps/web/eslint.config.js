import shared from "@shop/eslint-config/react";

export default [
  ...shared,
  {
    // The storefront talks to the services over their APIs (types only from "@shop/*/api").
    // A test may read another app's domain to hold a copy to it (src/lib/discount.test.ts).
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/*-service/src/**"],
              message:
                "The web app may not import another app's code; copy the rule and test that the copies agree.",
            },
          ],
        },
      ],
    },
  },
];
