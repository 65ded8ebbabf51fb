import { userNotFound, type UserError } from "../domain/errors";
import { err, ok, type Result } from "@shop/kernel";
import type { User } from "../domain/user";
import type { UserDeps } from "./ports";

export async function getUser(
  deps: Pick<UserDeps, "users">,
  id: string,
): Promise<Result<User, UserError>> {
  const user = await deps.users.findById(id);
  return user ? ok(user) : err(userNotFound(id));
}
