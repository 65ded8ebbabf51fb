import { runUntilSignalled, startService } from "@shop/service-kit/service";
import { loadConfig } from "./env";
import { productService } from "./service";

runUntilSignalled(() => startService(productService(loadConfig())));
