/*
 * `@shop/messaging/testing`: what a service's integration tests need to meet a real broker
 * without meeting each other (names of this run's own), to stay quiet, and to clean up.
 */
export { NO_RABBITMQ, RABBIT_URL, uniqueName } from "./names";
export { deleteTopology, rabbitTransport } from "./rabbit";
export { startParticipantHarness, type ParticipantHarness } from "./participant";
export { testLog } from "./silent-log";
export { messagingMigrationsContract } from "./migrations";
