import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { User } from "@shop/contracts";
import { signedInCaller } from "./current-user";

/** Who is signed in, asked of user-service once per render however many components ask. */
export const currentUser = cache(async (): Promise<User | null> =>
  (await signedInCaller()).auth.me(),
);

/**
 * Every admin page (and its layout) calls this before rendering: Next may render a page without
 * re-running its layout, so the layout alone is not a guard. A visitor is sent to sign in, a
 * shopper gets 403. The data behind the page is checked again by the BFF's adminProcedure.
 */
export async function requireAdminPage(): Promise<User> {
  const user = await currentUser();
  if (!user) redirect("/sign-in?next=/admin");
  if (user.role !== "admin") forbidden();
  return user;
}
