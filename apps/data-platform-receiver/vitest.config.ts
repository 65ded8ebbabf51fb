import { serviceVitestConfig } from "@shop/service-kit/vitest-config";

export default serviceVitestConfig();
