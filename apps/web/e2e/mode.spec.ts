import net from "node:net";
import { expect, test } from "@playwright/test";
import { embeddedStack } from "./support";

/*
 * The stack under test was started by scripts/start.mjs with this process's environment: it
 * must have chosen the mode that environment asks for, SHOP_MODE, or else distributed exactly
 * when PostgreSQL and RabbitMQ both answer at SHOP_POSTGRES_URL and RABBITMQ_URL. CI runs the
 * suite once with both answering and once with both pointing at closed ports, so the other
 * tests (checkout among them) prove a working shop in each mode.
 */

const answers = (address: string, defaultPort: number) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(address);
    const socket = net.connect({
      host: hostname,
      port: Number(port || defaultPort),
      timeout: 3000,
    });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });

test("npm start chose the mode the environment asks for", async () => {
  const requested = process.env.SHOP_MODE;
  const serversAnswer =
    (await answers(process.env.SHOP_POSTGRES_URL ?? "postgresql://127.0.0.1:5432", 5432)) &&
    (await answers(process.env.RABBITMQ_URL ?? "amqp://127.0.0.1:5672", 5672));
  const expected = requested ?? (serversAnswer ? "distributed" : "embedded");
  expect(embeddedStack() ? "embedded" : "distributed").toBe(expected);
});
