import { randomBytes } from "node:crypto";

/*
 * Every test run gets its own exchange and queue names, so two runs on one broker (two
 * engineers, CI and a developer) never see each other's messages; tests delete what they made.
 */

export const RABBIT_URL = process.env.TEST_RABBITMQ_URL ?? "amqp://guest:guest@127.0.0.1:5672";

const run = randomBytes(4).toString("hex");
let n = 0;

/** "test-1a2b3c4d.name-7": unique in this run, a valid queue name. */
export const uniqueName = (name: string) => `test-${run}.${name}-${++n}`;
