import { randomBytes } from "node:crypto";

/*
 * Every test run gets its own exchange and queue names, so two runs on one broker (two
 * engineers, CI and a developer) never see each other's messages; tests delete what they made.
 */

const rabbitUrl = process.env.TEST_RABBITMQ_URL;

/**
 * TEST_RABBITMQ_URL=none: no broker on this machine (`npm test` sets it when RabbitMQ does not
 * answer). The tests that need one skip (`describe.skipIf(NO_RABBITMQ)`); CI has a broker and
 * runs them.
 */
export const NO_RABBITMQ = rabbitUrl === "none";
export const RABBIT_URL =
  rabbitUrl && !NO_RABBITMQ ? rabbitUrl : "amqp://guest:guest@127.0.0.1:5672";

const run = randomBytes(4).toString("hex");
let n = 0;

/** "test-1a2b3c4d.name-7": unique in this run, a valid queue name. */
export const uniqueName = (name: string) => `test-${run}.${name}-${++n}`;
