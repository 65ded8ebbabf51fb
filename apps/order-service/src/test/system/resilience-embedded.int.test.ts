import { orchestratorSuite } from "./resilience-orchestrator-suite";

// The same deaths in the embedded mode: the one host process SIGKILLed, all five services with it.
orchestratorSuite("memory");
