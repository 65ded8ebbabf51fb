// The JavaScript a first visit to a page downloads: the scripts its HTML references, each once,
// as the server sends them to a browser (Brotli from the front's store of build files), and
// gzip-compressed for comparison with earlier figures. Modern browsers skip `nomodule` scripts
// (the legacy polyfills), so they are not counted. The inline scripts (Next's RSC payload) are
// counted apart: they are part of the HTML's weight, not code to compile.
import http from "node:http";
import { gzipSync } from "node:zlib";
import { BROWSER_HEADERS } from "./page-load.mjs";

/** The bytes on the wire for `url` as a browser asks for it, and the encoding used. */
function wireBytes(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: BROWSER_HEADERS }, (res) => {
        let bytes = 0;
        res.on("data", (c) => (bytes += c.length));
        res.on("end", () =>
          resolve({ bytes, encoding: res.headers["content-encoding"] ?? "none" }),
        );
      })
      .on("error", reject);
  });
}

/**
 * @returns {Promise<{ scripts: number, wireBytes: number, encodings: string[], gzipBytes: number,
 *   rawBytes: number, inlineBytes: number }>}
 */
export async function javascriptOf(base, path) {
  const html = await (await fetch(base + path)).text();
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"[^>]*>/g)].filter(
    (m) => !/nomodule/i.test(m[0]),
  );
  const scripts = [...new Set(tags.map((m) => m[1]))];
  let rawBytes = 0;
  let gzipBytes = 0;
  let wire = 0;
  const encodings = new Set();
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    rawBytes += body.length;
    gzipBytes += gzipSync(body).length;
  }
  // The first request for a build file fills the front's store (sent uncompressed, then
  // compressed in the background): what a browser gets is measured after that.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  for (const src of scripts) {
    const sent = await wireBytes(new URL(src, base));
    wire += sent.bytes;
    encodings.add(sent.encoding);
  }
  const inlineBytes = [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
    (n, m) => n + m[1].length,
    0,
  );
  return {
    scripts: scripts.length,
    wireBytes: wire,
    encodings: [...encodings],
    gzipBytes,
    rawBytes,
    inlineBytes,
  };
}
