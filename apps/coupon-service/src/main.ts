import { runUntilSignalled, startService } from "@shop/service-kit/service";
import { loadConfig } from "./env";
import { couponService } from "./service";

runUntilSignalled(() => startService(couponService(loadConfig())));
