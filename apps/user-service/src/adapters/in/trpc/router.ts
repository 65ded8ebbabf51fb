import { adminRoutes } from "./admin";
import { authRoutes } from "./auth";
import { sessionRoutes } from "./sessions";
import { userRoutes } from "./users";
import { opsRoutes, router } from "./trpc";

export const userServiceRouter = router({
  ops: opsRoutes,
  auth: authRoutes,
  sessions: sessionRoutes,
  users: userRoutes,
  admin: adminRoutes,
});

/** The type the BFF's client is built from; imported as a type only, never at run time. */
export type UserServiceRouter = typeof userServiceRouter;
