import { beforeEach, describe, expect, it } from "vitest";
import { checkDemoAccounts, demoAccountsInUse, type DemoAccount } from "./check-demo-accounts";
import { createUser } from "../domain/user";
import { DEMO_ACCOUNTS } from "../adapters/out/demo-accounts";
import { fastHasher, memoryDeps, T0, type MemoryDeps } from "../test/fixtures";

const admin: DemoAccount = {
  email: "admin@meridian.test",
  password: "admin-password",
  displayName: "Ada Admin",
  role: "admin",
};
const shopper: DemoAccount = {
  email: "shopper@meridian.test",
  password: "shopper-password",
  displayName: "Sam Shopper",
  role: "shopper",
};

describe("checkDemoAccounts", () => {
  let deps: MemoryDeps;
  beforeEach(() => {
    deps = memoryDeps();
  });

  async function add(account: DemoAccount, password = account.password) {
    await deps.users.insert(
      createUser({
        id: `00000000-0000-4000-8000-00000000000${deps.users.rows.size + 1}`,
        email: account.email,
        displayName: account.displayName,
        role: account.role,
        passwordHash: await fastHasher.hash(password),
        now: T0,
      }),
    );
  }

  const production = { NODE_ENV: "production" };

  it("refuses a production start while a demo account has its demo password, naming it", async () => {
    await add(admin);
    await add(shopper, "changed-by-its-owner");
    await expect(checkDemoAccounts(deps, [admin, shopper], production)).rejects.toThrow(
      /^Refusing to start: admin@meridian\.test still signs in with the published demo password\.\n.*DEMO_ACCOUNTS=allow/,
    );
    await add({ ...shopper, email: "shopper2@meridian.test" });
    await expect(
      checkDemoAccounts(deps, [admin, { ...shopper, email: "shopper2@meridian.test" }], production),
    ).rejects.toThrow(
      "admin@meridian.test, shopper2@meridian.test still sign in with the published demo password",
    );
  });

  it("lets production start when the demo accounts are absent or their passwords changed", async () => {
    await checkDemoAccounts(deps, [admin, shopper], production);
    await add(admin, "a-real-admin-password");
    await checkDemoAccounts(deps, [admin, shopper], production);
    expect(await demoAccountsInUse(deps, [admin, shopper])).toEqual([]);
  });

  it("lets production start with DEMO_ACCOUNTS=allow, and development always, checking nothing", async () => {
    await add(admin);
    await checkDemoAccounts(deps, [admin], { ...production, DEMO_ACCOUNTS: "allow" });
    await checkDemoAccounts(deps, [admin], { NODE_ENV: "development" });
    await checkDemoAccounts(deps, [admin], { NODE_ENV: "test" });
    expect(deps.passwords.verified).toEqual([]);
    // Any other value is not "allow".
    await expect(
      checkDemoAccounts(deps, [admin], { ...production, DEMO_ACCOUNTS: "yes" }),
    ).rejects.toThrow(/admin@meridian\.test/);
  });

  it("checks the very accounts the seed adds", async () => {
    expect(DEMO_ACCOUNTS.map((a) => a.email)).toEqual([admin.email, shopper.email]);
    for (const account of DEMO_ACCOUNTS) await add(account);
    expect(await demoAccountsInUse(deps, DEMO_ACCOUNTS)).toEqual([admin.email, shopper.email]);
  });
});
