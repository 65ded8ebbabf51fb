import { beforeEach } from "vitest";
import { signIn } from "./sign-in";
import { signUp } from "./sign-up";
import type { User } from "../domain/user";
import { memoryDeps, T0, type MemoryDeps } from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";

/*
 * What the signIn test files share: Ann, signed up on fresh in-memory dependencies before each
 * test, and the shorthand for her sign-in attempts. `deps` and `ann` are reassigned before each
 * test; importers see the current ones (imported bindings are live).
 */

export const PASSWORD = "correct-password";
/** Ann's own address; strangers use others. */
export const ANNS_IP = "192.0.2.1";

export let deps: MemoryDeps;
export let ann: User;

/** Call inside the file's describe("signIn"): each test starts with Ann signed up and nothing else. */
export function useAnnSignedUp(): void {
  beforeEach(async () => {
    deps = memoryDeps();
    ann = valueOf(
      await signUp(deps, { email: "ann@meridian.test", password: PASSWORD, displayName: "Ann" }),
    ).user;
    deps.sessions.rows.clear();
    deps.passwords.verified.length = 0;
    // 15 s into a one-minute window (and into a 15-minute one, and an hour).
    deps.clock.set(new Date(T0.getTime() + 15_000));
  });
}

export const attempt = (
  overrides: {
    email?: string;
    password?: string;
    clientIp?: string | undefined;
    deviceToken?: string | undefined;
  } = {},
) =>
  signIn(deps, {
    email: "ann@meridian.test",
    password: PASSWORD,
    clientIp: ANNS_IP,
    ...overrides,
  });

/** `n` wrong passwords on `email` from `clientIp`, each answered INVALID_CREDENTIALS. */
export async function fail(
  n: number,
  clientIp: string | undefined,
  email = "ann@meridian.test",
  deviceToken?: string,
) {
  for (let i = 0; i < n; i++)
    errorOf(
      await attempt({ email, password: `wrong-${i}`, clientIp, deviceToken }),
      "INVALID_CREDENTIALS",
    );
}

export const failures = (email = "ann@meridian.test") =>
  deps.attempts.count(`sign-in-failures:${email}`, T0);
