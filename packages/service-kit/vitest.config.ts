import { serviceVitestConfig } from "./src/vitest-config.js";

export default serviceVitestConfig();
