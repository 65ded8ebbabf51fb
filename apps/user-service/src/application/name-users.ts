import type { UserDeps } from "./ports";

/**
 * The display names of the accounts `ids` (for pages that record who did something by their user id,
 * like the dead letters' resolver); an id with no account is left out.
 */
export async function nameUsers(
  deps: Pick<UserDeps, "users">,
  ids: readonly string[],
): Promise<Record<string, string>> {
  const users = await deps.users.findByIds([...new Set(ids)]);
  return Object.fromEntries(users.map((u) => [u.id, u.displayName]));
}
