import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as contracts from "@shop/contracts";
import { RabbitTransport, type Log } from "@shop/messaging";
import type { Stack } from "../src/test/system/stack";

/*
 * The chaos run's hands on the broker: its own connection to the stack's vhost (named "chaos",
 * so it is cut with the services' and comes back like theirs), rabbitmqctl for what only the
 * broker can do (close connections, restart), and passive declares for what a queue holds.
 *
 * rabbitmqctl talks to the node RABBITMQ_NODENAME names: scripts/chaos.mjs starts a RabbitMQ
 * node of the run's own and sets it, so the restart and the cuts never reach the broker other
 * work on this machine uses (another engineer's tests, a running shop). The stack's vhost and
 * users are made on that node by the same variable (stack-resources.ts runs rabbitmqctl too).
 */

const exec = promisify(execFile);
export const rabbitmqctl = (...args: string[]) =>
  exec("rabbitmqctl", ["-q", ...args], { timeout: 60_000 });

/** Every queue of the shop (the contracts' list), and its dead-letter queue's name. */
export const SHOP_QUEUES: readonly contracts.QueueContract[] = Object.values(contracts).filter(
  (v): v is contracts.QueueContract =>
    typeof v === "object" &&
    v !== null &&
    typeof (v as { name?: unknown }).name === "string" &&
    Array.isArray((v as { messages?: unknown }).messages),
);
export const dlqOf = (queue: string) => `${queue}.dlq`;

/** The service whose database drains a queue's dead letters: the queue name's first part. */
export const ownerOf = (queue: string) => queue.split(".")[0]!;

export function chaosConnection(stack: Stack, log: Log): RabbitTransport {
  if (!stack.rabbitUrl) throw new Error("the chaos run needs a RabbitMQ stack");
  return new RabbitTransport({
    url: stack.rabbitUrl,
    log,
    connectionName: "chaos",
    retryLow: 100,
    retryHigh: 1_000,
  });
}

/**
 * The broker closes every client connection of the vhost (only the stack's: `-p`), as a network
 * partition or a broker-side kick does; every client reconnects by itself.
 */
export async function cutConnections(vhost: string) {
  await rabbitmqctl("close_all_connections", "-p", vhost, "chaos: connection cut");
}

/**
 * Stops the broker's application (every connection drops, nothing is accepted), waits, and
 * starts it again: what a broker restart does to its clients. Quorum queues and their messages
 * are durable and come back with it; stop_app keeps the Erlang node, so this takes seconds, not
 * the half minute a node's cold start does.
 */
export async function restartBroker(downMs: number) {
  await rabbitmqctl("stop_app");
  await new Promise((resolve) => setTimeout(resolve, downMs));
  await rabbitmqctl("start_app");
}

/** A queue's waiting messages and consumers (a passive declare: never creates it). */
export async function queueStats(transport: RabbitTransport, queue: string) {
  const { messageCount, consumerCount } = await transport.connection.queueDeclare({
    queue,
    passive: true,
  });
  return { messages: messageCount, consumers: consumerCount };
}

/** queueStats, or undefined if the queue does not exist (a 404 closes only that channel). */
export async function queueStatsIfAny(transport: RabbitTransport, queue: string) {
  try {
    return await queueStats(transport, queue);
  } catch {
    return undefined;
  }
}
