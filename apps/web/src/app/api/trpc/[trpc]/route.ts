import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { env } from "@/env";
import { appRouter } from "@/server/router";
import {
  contentTypeRefusal,
  crossSiteRefusal,
  readLimitedBody,
  refusalResponse,
} from "@/server/request-guard";
import { clientIpFrom, cookieSecure, deviceTokenFrom, sessionTokenFrom } from "@/server/session";
import { createContext } from "@/server/trpc";
import { log } from "@/server/logger";

const guard = { allowedOrigins: env.ALLOWED_ORIGINS };

const serve = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // A browser batches what one page asks at once; more than this is not a browser.
    maxBatchSize: 10,
    createContext: ({ resHeaders }) =>
      createContext({
        sessionToken: sessionTokenFrom(req.headers.get("cookie")),
        deviceToken: deviceTokenFrom(req.headers.get("cookie")),
        clientIp: clientIpFrom(req.headers),
        secure: cookieSecure(req),
        setCookie: (cookie) => resHeaders.append("set-cookie", cookie),
      }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        log.error({ err: error.cause ?? error, path }, "BFF procedure failed");
    },
  });

async function POST(req: Request) {
  const refusal = crossSiteRefusal(req, guard) ?? contentTypeRefusal(req);
  if (refusal) return refusalResponse(refusal);
  const read = await readLimitedBody(req);
  if ("refusal" in read) return refusalResponse(read.refusal);
  return serve(new Request(req, { body: read.body }));
}

export { serve as GET, POST };
