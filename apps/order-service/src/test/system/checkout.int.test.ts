import { checkoutSuite } from "./checkout-suite";

// The checkout scenarios on RabbitMQ: each service its own processes, two instances each.
checkoutSuite("rabbitmq");
