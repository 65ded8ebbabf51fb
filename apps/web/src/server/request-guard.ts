/*
 * What the BFF's endpoint refuses before tRPC reads anything: requests a browser sent on
 * another site's behalf (CSRF), content types the shop's own client never sends (a plain
 * cross-site <form> can post multipart/form-data or text/plain without a preflight), and
 * bodies over the limit the services also keep.
 */

/** The same limit the services keep (service-kit's http-server). */
export const MAX_BODY_BYTES = 1_000_000;

export interface GuardOptions {
  /** Origins the shop is served at; when empty, an Origin must name the request's own host. */
  allowedOrigins: readonly string[];
}

export type Refusal = { status: 403 | 413 | 415; code: string; message: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-origin protection the way Go's net/http CrossOriginProtection does it: a browser says
 * where a request comes from in Sec-Fetch-Site (modern browsers) or Origin; a request with
 * neither did not come from a browser page, so it cannot carry a victim's cookie on a
 * stranger's behalf.
 */
export function crossSiteRefusal(req: Request, opts: GuardOptions): Refusal | null {
  if (SAFE_METHODS.has(req.method)) return null;
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  const refused: Refusal = {
    status: 403,
    code: "CROSS_SITE_REQUEST",
    message: "Requests from other sites are not accepted",
  };
  if (site !== null) return site === "same-origin" || site === "none" ? null : refused;
  if (origin === null) return null;
  if (opts.allowedOrigins.length) return opts.allowedOrigins.includes(origin) ? null : refused;
  try {
    return new URL(origin).host === req.headers.get("host") ? null : refused;
  } catch {
    return refused;
  }
}

/** The shop's own client sends JSON; nothing else reaches a procedure. */
export function contentTypeRefusal(req: Request): Refusal | null {
  if (SAFE_METHODS.has(req.method)) return null;
  const type = req.headers.get("content-type")?.split(";", 1)[0]?.trim().toLowerCase();
  return type === "application/json"
    ? null
    : {
        status: 415,
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: "Send JSON (Content-Type: application/json)",
      };
}

const tooLarge: Refusal = {
  status: 413,
  code: "PAYLOAD_TOO_LARGE",
  message: `The request body is larger than ${MAX_BODY_BYTES} bytes`,
};

/**
 * The body, read up to `limit` bytes: a declared Content-Length over it is refused before
 * reading, and a chunked body is cut off as soon as it passes it.
 */
export async function readLimitedBody(
  req: Request,
  limit = MAX_BODY_BYTES,
): Promise<{ body: Uint8Array<ArrayBuffer> } | { refusal: Refusal }> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) return { refusal: tooLarge };
  if (!req.body) return { body: new Uint8Array() };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { refusal: tooLarge };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { body };
}

/** A refusal as the JSON error a tRPC client can read. */
export function refusalResponse(refusal: Refusal): Response {
  return Response.json(
    {
      error: {
        message: refusal.message,
        code: -32600,
        data: { code: refusal.code, httpStatus: refusal.status, errorCode: refusal.code },
      },
    },
    { status: refusal.status },
  );
}
