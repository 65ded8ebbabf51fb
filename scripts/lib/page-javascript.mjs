// The JavaScript a first visit to a page downloads, gzip-compressed as the server sends it to a
// browser: the scripts its HTML references, each once. Modern browsers skip `nomodule` scripts
// (the legacy polyfills), so they are not counted. The inline scripts (Next's RSC payload) are
// counted apart: they are part of the HTML's weight, not code to compile.
import { gzipSync } from "node:zlib";

/** @returns {Promise<{ scripts: number, gzipBytes: number, rawBytes: number, inlineBytes: number }>} */
export async function javascriptOf(base, path) {
  const html = await (await fetch(base + path)).text();
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"[^>]*>/g)].filter(
    (m) => !/nomodule/i.test(m[0]),
  );
  const scripts = [...new Set(tags.map((m) => m[1]))];
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    rawBytes += body.length;
    gzipBytes += gzipSync(body).length;
  }
  const inlineBytes = [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
    (n, m) => n + m[1].length,
    0,
  );
  return { scripts: scripts.length, gzipBytes, rawBytes, inlineBytes };
}
