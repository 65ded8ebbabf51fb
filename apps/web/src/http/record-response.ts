import type { OutgoingHttpHeaders, ServerResponse } from "node:http";

/** A response as it was sent: status, every header (names lower-case) and the body's bytes. */
export interface RecordedResponse {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** Per-connection headers (RFC 9110 7.6.1) and the length: never part of a kept answer. */
const PER_CONNECTION = ["connection", "keep-alive", "transfer-encoding", "date", "content-length"];

/** The headers a kept answer sends again: `headers` less the per-connection ones and `dropped`. */
export function headersToKeep(
  headers: OutgoingHttpHeaders,
  dropped: readonly string[],
): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !PER_CONNECTION.includes(name) && !dropped.includes(name))
      kept[name] = value;
  return kept;
}

type Chunk = string | Uint8Array;

/**
 * Calls `onEnd` with what Next writes to `res` once the response has ended, unless its body grew
 * past `maxBytes`. Nothing waits: every write still goes out as it is written. Installed before
 * Next's handler runs, so Next's own compression wraps these functions and the recorded bytes
 * are the ones on the wire.
 */
export function recordResponse(
  res: ServerResponse,
  maxBytes: number,
  onEnd: (response: RecordedResponse) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let headArgs: OutgoingHttpHeaders = {};
  const collect = (chunk: Chunk, encoding?: BufferEncoding) => {
    if (size > maxBytes) return;
    const b = typeof chunk === "string" ? Buffer.from(chunk, encoding) : Buffer.from(chunk);
    chunks.push(b);
    size += b.length;
  };
  const { writeHead, write, end } = res;

  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const headers = args.find((a, i) => i > 0 && a !== null && typeof a === "object");
    if (headers && !Array.isArray(headers)) headArgs = headers as OutgoingHttpHeaders;
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];

  res.write = function (this: ServerResponse, chunk: Chunk, ...rest: unknown[]) {
    collect(chunk, typeof rest[0] === "string" ? (rest[0] as BufferEncoding) : undefined);
    return (write as (...a: unknown[]) => boolean).apply(this, [chunk, ...rest]);
  } as ServerResponse["write"];

  res.end = function (this: ServerResponse, ...args: unknown[]) {
    const [chunk, encoding] = args;
    if (typeof chunk === "string" || chunk instanceof Uint8Array)
      collect(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : undefined);
    const result = (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    if (size <= maxBytes) {
      const headers: OutgoingHttpHeaders = { ...res.getHeaders() };
      for (const [name, value] of Object.entries(headArgs)) headers[name.toLowerCase()] = value;
      onEnd({ status: res.statusCode, headers, body: Buffer.concat(chunks) });
    }
    return result;
  } as ServerResponse["end"];
}
