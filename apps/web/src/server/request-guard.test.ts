import { describe, expect, it } from "vitest";
import {
  contentTypeRefusal,
  crossSiteRefusal,
  MAX_BODY_BYTES,
  readLimitedBody,
} from "./request-guard";

const URL_ = "http://shop.test/api/trpc/auth.signOut";
const post = (headers: Record<string, string>, body: BodyInit | null = "{}") =>
  new Request(URL_, { method: "POST", headers: { host: "shop.test", ...headers }, body });
const open = { allowedOrigins: [] };

describe("cross-site requests", () => {
  it.each([
    ["another site", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }],
    ["a sibling subdomain (gets the Lax cookie)", { "sec-fetch-site": "same-site" }],
    ["an Origin of another host", { origin: "https://evil.example" }],
    ["an Origin of another port", { origin: "http://shop.test:8080" }],
    ["an opaque Origin (sandboxed frame)", { origin: "null" }],
  ])("refuses a POST from %s", (_, headers) => {
    expect(crossSiteRefusal(post(headers), open)).toMatchObject({
      status: 403,
      code: "CROSS_SITE_REQUEST",
    });
  });

  it.each([
    ["the shop's own page", { "sec-fetch-site": "same-origin", origin: "http://shop.test" }],
    ["the shop's own Origin, no Sec-Fetch-Site", { origin: "http://shop.test" }],
    ["no browser at all (no Origin, no Sec-Fetch-Site)", {}],
  ])("accepts a POST from %s", (_, headers) => {
    expect(crossSiteRefusal(post(headers), open)).toBeNull();
  });

  it("takes configured origins over the Host header", () => {
    const opts = { allowedOrigins: ["https://shop.example"] };
    expect(crossSiteRefusal(post({ origin: "https://shop.example" }), opts)).toBeNull();
    expect(crossSiteRefusal(post({ origin: "http://shop.test" }), opts)?.status).toBe(403);
  });

  it("lets reads through: a GET changes nothing", () => {
    const get = new Request(URL_, { headers: { "sec-fetch-site": "cross-site" } });
    expect(crossSiteRefusal(get, open)).toBeNull();
  });
});

describe("content types", () => {
  it.each([
    "multipart/form-data; boundary=x",
    "text/plain",
    "application/x-www-form-urlencoded",
    "",
  ])("refuses %j", (type) => {
    const req = post(type ? { "content-type": type } : {});
    expect(contentTypeRefusal(req)).toMatchObject({ status: 415 });
  });
  it("accepts JSON", () => {
    expect(
      contentTypeRefusal(post({ "content-type": "application/json; charset=utf-8" })),
    ).toBeNull();
  });
});

describe("the body limit", () => {
  it("refuses a declared length over the limit without reading", async () => {
    const req = post({ "content-length": String(MAX_BODY_BYTES + 1) }, "{}");
    expect(await readLimitedBody(req)).toMatchObject({ refusal: { status: 413 } });
  });

  it("cuts off a streamed body as soon as it passes the limit", async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64_000;
        controller.enqueue(new Uint8Array(64_000));
      },
    });
    const req = new Request(URL_, { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(await readLimitedBody(req)).toMatchObject({ refusal: { status: 413 } });
    expect(sent).toBeLessThan(MAX_BODY_BYTES + 200_000);
  });

  it("reads a body under the limit whole", async () => {
    const result = await readLimitedBody(post({}, JSON.stringify({ q: "mug" })));
    expect(new TextDecoder().decode("body" in result ? result.body : undefined)).toBe(
      '{"q":"mug"}',
    );
  });
});
