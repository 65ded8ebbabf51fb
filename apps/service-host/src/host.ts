import { InMemoryTransport } from "@shop/messaging";
import { createLogger } from "@shop/service-kit";
import { startService, type RunningService } from "@shop/service-kit/service";
// The host composes the services: it reads each one's description and settings, and nothing
// else of theirs (.dependency-cruiser.cjs allows exactly these two files).
import { loadConfig as couponConfig } from "../../coupon-service/src/env";
import { couponService } from "../../coupon-service/src/service";
import { loadConfig as orderConfig } from "../../order-service/src/env";
import { orderService } from "../../order-service/src/service";
import { loadConfig as paymentConfig } from "../../payment-service/src/env";
import { paymentService } from "../../payment-service/src/service";
import { loadConfig as productConfig } from "../../product-service/src/env";
import { productService } from "../../product-service/src/service";
import { loadConfig as userConfig } from "../../user-service/src/env";
import { userService } from "../../user-service/src/service";
import type { Hosted } from "./env";

/*
 * The five services in one process, each as in a process of its own (its database, its pools,
 * its tRPC port, its relay), their messages on one in-memory transport with RabbitMQ's
 * semantics (at-least-once, delivery limit, dead-letter queues) instead of a broker. Started
 * participants first, the orchestrator last; stopped the other way round, the transport last.
 */

type Source = (service: Hosted) => Record<string, string | undefined>;

export async function startHost(source: Source): Promise<RunningService> {
  // No broker keeps what is only queued in memory: an outbox row is sent once a consumer settled it.
  const transport = new InMemoryTransport({ confirm: "settled" });
  const broker = { transport };
  const log = createLogger("service-host", source("order-service").LOG_LEVEL ?? "info");
  const starts = [
    () => startService(userService(userConfig(source("user-service")))),
    () => startService(productService(productConfig(source("product-service")), broker)),
    () => startService(couponService(couponConfig(source("coupon-service")), broker)),
    () => startService(paymentService(paymentConfig(source("payment-service")), broker)),
    () => startService(orderService(orderConfig(source("order-service")), broker)),
  ];
  const running: RunningService[] = [];
  const stop = async () => {
    const errors: unknown[] = [];
    for (const service of [...running].reverse())
      await service.stop().catch((err: unknown) => errors.push(err));
    await transport.close();
    if (errors.length > 0) throw new AggregateError(errors, "some services did not stop cleanly");
  };
  try {
    for (const start of starts) {
      const service = await start();
      running.push(service);
      log.info({ service: service.name, url: service.url }, "service started in the host");
    }
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
  return { name: "service-host", url: running.at(-1)?.url ?? "", log, stop };
}
