import { randomUUID } from "node:crypto";
import type { Clock, IdGenerator } from "@shop/kernel";

/* The production adapters of the kernel's ports (tests use test-fixtures' fakeClock and
   sequentialIds). */

export const systemClock: Clock = { now: () => new Date() };

/** Random (v4) UUIDs. */
export const randomIds: IdGenerator = { next: () => randomUUID() };
