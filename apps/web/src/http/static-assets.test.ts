import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  chooseEncoding,
  recordAsset,
  sendAsset,
  StaticAssets,
  staticAssetPath,
} from "./static-assets";

const SCRIPT = "self.chunk = function () { return 'the same text, over and over'; };\n".repeat(200);
const ETAG = 'W/"3942a-1a236f470d1"';

describe("chooseEncoding", () => {
  it.each([
    ["gzip, deflate, br, zstd", "br"],
    ["gzip", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["gzip;q=0.5, br;q=0.1", "br"], // both acceptable: the smaller one
    ["identity", "identity"],
    ["*", "br"],
    ["*, br;q=0", "gzip"],
    [undefined, "identity"],
  ] as const)("%s -> %s", (accept, expected) => {
    expect(chooseEncoding(accept, ["identity", "br", "gzip"])).toBe(expected);
  });

  it("offers only what the file has", () => {
    expect(chooseEncoding("br, gzip", ["identity"])).toBe("identity");
  });
});

describe("staticAssetPath", () => {
  const req = (url: string, method = "GET", headers: http.IncomingHttpHeaders = {}) =>
    ({ url, method, headers }) as http.IncomingMessage;

  it("takes plain GETs and HEADs of build files only", () => {
    expect(staticAssetPath(req("/_next/static/chunks/a.js"))).toBe("/_next/static/chunks/a.js");
    expect(staticAssetPath(req("/_next/static/chunks/a.js", "HEAD"))).toBeDefined();
    expect(staticAssetPath(req("/_next/static/chunks/a.js", "POST"))).toBeUndefined();
    expect(staticAssetPath(req("/_next/static/chunks/a.js?v=1"))).toBeUndefined();
    expect(staticAssetPath(req("/products"))).toBeUndefined();
    expect(
      staticAssetPath(req("/_next/static/chunks/a.js", "GET", { range: "bytes=0-9" })),
    ).toBeUndefined();
  });
});

/** A front like src/main.ts's over a stand-in for Next that counts what it was asked. */
function frontOver(next: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const assets = new StaticAssets();
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    const path = staticAssetPath(req);
    if (path) {
      const stored = assets.get(path);
      if (stored) return sendAsset(req, res, stored);
      if (req.method === "GET" && assets.claim(path)) recordAsset(req, res, assets, path);
    }
    seen.push({ ...req.headers });
    next(req, res);
  });
  return { server, assets, seen };
}

/** Next's static handler: gzip when asked, the security headers of next.config. */
function nextStatic(req: http.IncomingMessage, res: http.ServerResponse) {
  if (!req.url?.endsWith(".js")) return void res.writeHead(404).end("not found");
  const gz = String(req.headers["accept-encoding"] ?? "").includes("gzip");
  res.setHeader("x-content-type-options", "nosniff");
  res.writeHead(200, {
    "Content-Type": "application/javascript; charset=UTF-8",
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: ETAG,
    ...(gz ? { "Content-Encoding": "gzip" } : {}),
  });
  res.end(gz ? gzipSync(SCRIPT) : SCRIPT);
}

let close: (() => void) | undefined;
afterEach(() => close?.());

async function listen(server: http.Server) {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = () => server.close();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** node:http, not fetch: fetch would decompress and hide the encoding. */
function get(url: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      http
        .request(url, { method, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on("error", reject)
        .end();
    },
  );
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe("the front's build files", () => {
  it("asks Next once, uncompressed, then answers with Brotli or gzip from memory", async () => {
    const { server, assets, seen } = frontOver(nextStatic);
    const base = await listen(server);
    const url = `${base}/_next/static/chunks/app.js`;

    const first = await get(url, { "accept-encoding": "gzip, br", "if-none-match": ETAG });
    expect(first.status).toBe(200); // the fill asked Next unconditionally
    expect(first.body.toString()).toBe(SCRIPT);
    expect(seen[0]?.["accept-encoding"]).toBeUndefined();
    await until(() => assets.get("/_next/static/chunks/app.js") !== undefined);

    const br = await get(url, { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expect(br.body.length).toBeLessThan(gzipSync(SCRIPT).length);
    expect(br.headers["content-length"]).toBe(String(br.body.length));
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(br.headers["x-content-type-options"]).toBe("nosniff"); // Next's headers are kept
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");

    const gz = await get(url, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const plain = await get(url);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);

    const again = await get(url, { "if-none-match": ETAG });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);

    const head = await get(url, { "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(br.headers["content-length"]);

    expect(seen).toHaveLength(1);
  });

  it("keeps no answer but a 200, and asks Next again next time", async () => {
    const { server, assets, seen } = frontOver(nextStatic);
    const base = await listen(server);
    const missing = `${base}/_next/static/chunks/missing.css`;
    expect((await get(missing)).status).toBe(404);
    expect((await get(missing)).status).toBe(404);
    expect(seen).toHaveLength(2);
    expect(assets.bytes).toBe(0);
  });

  it("lets a second fill start when the first client went away before the answer", async () => {
    let answer: (() => void) | undefined;
    const { server, assets } = frontOver((req, res) => {
      answer = () => nextStatic(req, res);
    });
    const base = await listen(server);
    const request = http.request(`${base}/_next/static/chunks/slow.js`);
    request.on("error", () => {});
    request.end();
    await until(() => answer !== undefined);
    request.destroy();
    await until(() => assets.claim("/_next/static/chunks/slow.js"));
    expect(assets.claim("/_next/static/chunks/other.js")).toBe(true);
    expect(assets.claim("/_next/static/chunks/other.js")).toBe(false); // one fill at a time
  });
});
