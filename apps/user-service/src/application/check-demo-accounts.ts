import type { Role } from "../domain/user";
import type { UserDeps } from "./ports";

/** An account for trying the shop out locally, with a password published in the repository. */
export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  role: Role;
}

/** The settings the check reads (src/env.ts). */
export interface DemoAccountSettings {
  NODE_ENV: string;
  /** "allow": demo accounts are an explicit, local-only choice. */
  DEMO_ACCOUNTS?: string | undefined;
}

/** The demo accounts that exist and still verify against their published password. */
export async function demoAccountsInUse(
  deps: Pick<UserDeps, "users" | "passwords">,
  accounts: readonly DemoAccount[],
): Promise<string[]> {
  const inUse: string[] = [];
  for (const account of accounts) {
    const user = await deps.users.findByEmail(account.email);
    if (user && (await deps.passwords.verify(user.passwordHash, account.password)))
      inUse.push(user.email);
  }
  return inUse;
}

/**
 * Start-up check: a production process refuses to start while a demo account can still be
 * signed in with its published password (anyone who read the repository could sign in as it,
 * as an admin), unless DEMO_ACCOUNTS=allow says this is a local machine. Throws a message
 * naming the accounts and what to do; outside production, or when allowed, checks nothing.
 */
export async function checkDemoAccounts(
  deps: Pick<UserDeps, "users" | "passwords">,
  accounts: readonly DemoAccount[],
  settings: DemoAccountSettings,
): Promise<void> {
  if (settings.NODE_ENV !== "production" || settings.DEMO_ACCOUNTS === "allow") return;
  const inUse = await demoAccountsInUse(deps, accounts);
  if (inUse.length > 0)
    throw new Error(
      `Refusing to start: ${inUse.join(", ")} still sign${inUse.length === 1 ? "s" : ""} in with the published demo password.\n` +
        "  Delete these accounts or change their passwords, or set DEMO_ACCOUNTS=allow on a local machine (never in production).",
    );
}
