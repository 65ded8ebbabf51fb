import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import base from "./index.js";

export default [
  ...base,
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: reactHooks.configs.recommended.rules,
  },
];
