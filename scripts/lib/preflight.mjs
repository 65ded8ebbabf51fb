// Checks that the servers the shop needs answer, and says how to fix it when they don't.
import net from "node:net";
import pg from "pg";

export const POSTGRES_URL = process.env.SHOP_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432";
export const RABBITMQ_URL = process.env.RABBITMQ_URL ?? "amqp://guest:guest@127.0.0.1:5672";

export async function checkPostgres() {
  const client = new pg.Client({
    connectionString: `${POSTGRES_URL}/postgres`,
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (err) {
    throw new Error(
      `PostgreSQL does not answer at ${POSTGRES_URL} (${err.message}).\n` +
        "  Start it:    pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n" +
        "  Install it:  apt-get update && apt-get install -y postgresql\n" +
        "  Or point SHOP_POSTGRES_URL at your server (postgresql://user:password@host:port).",
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** Opens an AMQP connection far enough to see the broker's greeting (connection.start). */
export function checkRabbitMQ() {
  const { hostname, port } = new URL(RABBITMQ_URL);
  return new Promise((resolve, reject) => {
    const fail = (why) =>
      reject(
        new Error(
          `RabbitMQ does not answer at ${hostname}:${port || 5672} (${why}).\n` +
            "  Start it:    rabbitmq-server -detached\n" +
            "  Install it:  apt-get update && apt-get install -y rabbitmq-server\n" +
            "  Or point RABBITMQ_URL at your broker (amqp://user:password@host:port).",
        ),
      );
    const socket = net.connect({ host: hostname, port: Number(port || 5672), timeout: 3000 });
    socket.once("connect", () => socket.write(Buffer.from([65, 77, 81, 80, 0, 0, 9, 1])));
    socket.once("data", (buf) => {
      socket.destroy();
      buf[0] === 1 ? resolve() : fail("unexpected greeting");
    });
    socket.once("timeout", () => {
      socket.destroy();
      fail("timed out");
    });
    socket.once("error", (err) => fail(err.code ?? err.message));
  });
}

export async function preflight(log = console.log) {
  await checkPostgres();
  log(`✓ PostgreSQL answers at ${POSTGRES_URL}`);
  await checkRabbitMQ();
  log(`✓ RabbitMQ answers at ${new URL(RABBITMQ_URL).host}`);
}
