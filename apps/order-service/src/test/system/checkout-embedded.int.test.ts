import { checkoutSuite } from "./checkout-suite";

// The checkout scenarios in the embedded mode: the one service-host process, in-memory transport.
checkoutSuite("memory");
