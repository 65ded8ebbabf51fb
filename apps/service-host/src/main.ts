import { runUntilSignalled } from "@shop/service-kit/service";
import { sourceFor } from "./env";
import { startHost } from "./host";

// Embedded mode's service process: all five services, one in-memory transport, no broker.
runUntilSignalled(() => startHost(sourceFor));
