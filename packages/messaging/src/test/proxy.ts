import net from "node:net";

/*
 * A TCP proxy in front of the broker whose connections a test can cut: a network drop as the
 * client sees it, without touching anyone else's connections on the shared broker (which
 * `rabbitmqctl close_all_connections` would).
 */
export async function cuttableProxy(target = { host: "127.0.0.1", port: 5672 }) {
  const sockets = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) return client.destroy();
    const upstream = net.connect(target);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => undefined);
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    /** Drops every connection and refuses new ones for `downMs`. */
    async cut(downMs: number) {
      refusing = true;
      for (const s of sockets) s.destroy();
      await new Promise((r) => setTimeout(r, downMs));
      refusing = false;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
