import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/router";
import { clientIpFrom, cookieSecure, sessionTokenFrom } from "@/server/session";
import { createContext } from "@/server/trpc";
import { log } from "@/server/logger";

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // A browser batches what one page asks at once; more than this is not a browser.
    maxBatchSize: 10,
    createContext: ({ resHeaders }) =>
      createContext({
        sessionToken: sessionTokenFrom(req.headers.get("cookie")),
        clientIp: clientIpFrom(req.headers),
        secure: cookieSecure(req),
        setCookie: (cookie) => resHeaders.append("set-cookie", cookie),
      }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        log.error({ err: error.cause ?? error, path }, "BFF procedure failed");
    },
  });

export { handler as GET, handler as POST };
