/**
 * Who is acting, as a use case sees it: the role the BFF vouched for and, when signed in, the
 * user id. A use case that decides who may do what takes one of these; the tRPC adapter passes
 * the verified credential's actor through (service-kit checks that this type and the
 * contract's `Actor` agree).
 */
export type ActorRole = "visitor" | "shopper" | "admin";

export interface Actor {
  role: ActorRole;
  userId?: string | undefined;
}
