import { orchestratorSuite } from "./resilience-orchestrator-suite";

// The orchestrator's deaths on RabbitMQ: both order-service instances SIGKILLed, the rest live on.
orchestratorSuite("rabbitmq");
