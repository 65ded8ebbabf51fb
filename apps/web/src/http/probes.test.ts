import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIVENESS_PATH, READINESS_PATH } from "@shop/service-kit/probes";
import { createLogger } from "@shop/service-kit/logger";
import { frontHandler } from "./front";
import { PageCache } from "./page-cache";
import type { ProbeState } from "./probes";
import { StaticAssets } from "./static-assets";
import { parseTrustProxy } from "./trust-proxy";

// The front as src/main.ts builds it, with a stand-in for Next that counts what reaches it.
const probes: ProbeState = { prepared: false, draining: false };
let nextCalls = 0;
let server: http.Server;
let base: string;

beforeAll(async () => {
  const front = frontHandler(
    async (_req, res) => {
      nextCalls++;
      res.writeHead(200, { "content-type": "text/html", "cache-control": "s-maxage=60" });
      res.end("a page");
    },
    {
      trust: parseTrustProxy(""),
      assets: new StaticAssets(),
      pages: new PageCache(1024 * 1024, 60_000),
      log: createLogger("web", "silent"),
      probes,
    },
  );
  server = http.createServer(front);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string) => fetch(`${base}${path}`);

describe("the front's probes", () => {
  it("answers liveness at once, readiness only once Next is prepared, and 503 while draining", async () => {
    Object.assign(probes, { prepared: false, draining: false });
    expect((await get(LIVENESS_PATH)).status).toBe(200);
    const starting = await get(READINESS_PATH);
    expect(starting.status).toBe(503);
    expect(await starting.json()).toEqual({ status: "not-ready" });

    probes.prepared = true;
    expect((await get(READINESS_PATH)).status).toBe(200);

    probes.draining = true; // SIGTERM
    const draining = await get(READINESS_PATH);
    expect(draining.status).toBe(503);
    expect(await draining.json()).toEqual({ status: "shutting-down" });
    expect((await get(LIVENESS_PATH)).status).toBe(200); // still alive: it is finishing requests
  });

  it("never passes a probe to Next nor keeps it in the page cache", async () => {
    Object.assign(probes, { prepared: true, draining: false });
    nextCalls = 0;
    for (const path of [LIVENESS_PATH, READINESS_PATH, `${READINESS_PATH}?x=1`]) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-type")).toBe("application/json");
    }
    probes.draining = true;
    expect((await get(READINESS_PATH)).status).toBe(503); // not a cached 200
    expect(nextCalls).toBe(0);
    // Any other path still reaches Next.
    expect(await (await get("/products")).text()).toBe("a page");
    expect(nextCalls).toBe(1);
  });

  it("answers 503 to a page asked for before Next is prepared, without calling Next", async () => {
    Object.assign(probes, { prepared: false, draining: false });
    nextCalls = 0;
    const early = await get("/");
    expect(early.status).toBe(503);
    expect(early.headers.get("retry-after")).toBe("1");
    expect(early.headers.get("cache-control")).toBe("no-store");
    expect(nextCalls).toBe(0);
    probes.prepared = true;
    expect(await (await get("/")).text()).toBe("a page");
    expect(nextCalls).toBe(1);
  });
});
