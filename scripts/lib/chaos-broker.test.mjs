import assert from "node:assert/strict";
import { test } from "node:test";
import { brokerSetup, orphanPid } from "./chaos-broker.mjs";

test("the chaos broker's node, ports and folders are the run's own", () => {
  const s = brokerSetup(4242, 5999, 25999, "/tmp");
  assert.equal(s.node, "shopchaos4242@localhost");
  assert.equal(s.url, "amqp://guest:guest@127.0.0.1:5999");
  assert.equal(s.env.RABBITMQ_NODE_PORT, "5999");
  assert.equal(s.env.RABBITMQ_DIST_PORT, "25999");
  assert.equal(s.config, "listeners.tcp.local = 127.0.0.1:5999\n");
  for (const key of ["RABBITMQ_MNESIA_BASE", "RABBITMQ_LOG_BASE", "RABBITMQ_CONFIG_FILE"])
    assert.ok(s.env[key].startsWith("/tmp/shop-chaos-rabbit-4242/"), key);
});

test("only the folders of dead runs are leftovers", () => {
  assert.equal(
    orphanPid("shop-chaos-rabbit-17", () => false),
    17,
  );
  assert.equal(
    orphanPid("shop-chaos-rabbit-17", () => true),
    undefined,
  );
  assert.equal(
    orphanPid("something-else-17", () => false),
    undefined,
  );
});
