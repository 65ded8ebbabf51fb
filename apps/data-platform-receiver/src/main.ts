import { createLogger } from "@shop/service-kit/logger";
import { env } from "./env";
import { startReceiver } from "./server";
import { ReceivedOrders } from "./store";

const log = createLogger("data-platform-receiver", env.LOG_LEVEL);
const store = ReceivedOrders.open(env.DATA_FILE);
const receiver = await startReceiver({
  store,
  log,
  host: env.HOST,
  port: env.PORT,
  failWith: env.FAIL_WITH,
});
const { orders, duplicates } = store.summary();
log.info(
  // host:port, not a URL: the start command prints the shop's URL as the last one it shows.
  { address: new URL(receiver.url).host, dataFile: env.DATA_FILE, orders, duplicates },
  env.FAIL_WITH ? `answering every order with ${env.FAIL_WITH} ("down")` : "receiving orders",
);

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    void receiver.close().then(() => process.exit(0));
  });
