import { authRoutes } from "./auth";
import { sessionRoutes } from "./sessions";
import { userRoutes } from "./users";
import { router } from "./trpc";

export const userServiceRouter = router({
  auth: authRoutes,
  sessions: sessionRoutes,
  users: userRoutes,
});

/** The type the BFF's client is built from; imported as a type only, never at run time. */
export type UserServiceRouter = typeof userServiceRouter;
