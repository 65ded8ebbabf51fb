import { runUntilSignalled, startService } from "@shop/service-kit/service";
import { loadConfig } from "./env";
import { paymentService } from "./service";

runUntilSignalled(() => startService(paymentService(loadConfig())));
