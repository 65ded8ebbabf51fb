import { runUntilSignalled, startService } from "@shop/service-kit/service";
import { loadConfig } from "./env";
import { orderService } from "./service";

runUntilSignalled(() => startService(orderService(loadConfig())));
