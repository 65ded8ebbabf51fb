import { runUntilSignalled, startService } from "@shop/service-kit/service";
import { loadConfig } from "./env";
import { userService } from "./service";

runUntilSignalled(() => startService(userService(loadConfig())));
