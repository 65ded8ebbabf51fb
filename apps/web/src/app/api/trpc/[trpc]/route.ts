import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/router";
import { clientIpFrom, sessionTokenFrom } from "@/server/session";
import { createContext } from "@/server/trpc";
import { log } from "@/server/logger";

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) =>
      createContext({
        sessionToken: sessionTokenFrom(req.headers.get("cookie")),
        clientIp: clientIpFrom(req.headers),
        secure:
          (req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "")) ===
          "https",
        setCookie: (cookie) => resHeaders.append("set-cookie", cookie),
      }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        log.error({ err: error.cause ?? error, path }, "BFF procedure failed");
    },
  });

export { handler as GET, handler as POST };
