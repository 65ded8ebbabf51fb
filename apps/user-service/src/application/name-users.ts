import type { UserDeps } from "./ports";

/**
 * The display names of the accounts `ids` (for pages that record who did something by their user id,
 * like the dead letters' resolver); an id with no account is left out.
 */
export async function nameUsers(
  deps: Pick<UserDeps, "users">,
  ids: readonly string[],
): Promise<Record<string, string>> {
  const users = await Promise.all([...new Set(ids)].map((id) => deps.users.findById(id)));
  return Object.fromEntries(users.flatMap((u) => (u ? [[u.id, u.displayName]] : [])));
}
