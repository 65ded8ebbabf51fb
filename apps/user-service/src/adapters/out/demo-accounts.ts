import type { DemoAccount } from "../../application/check-demo-accounts";

/**
 * The demo accounts, in one place: the seed adds them (only with DEMO_ACCOUNTS=allow) and a
 * production process refuses to start while one still has this password. Their passwords are
 * public (they are here and in the README): never use them anywhere real.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: "admin@meridian.test",
    password: "admin-password",
    displayName: "Ada Admin",
    role: "admin",
  },
  {
    email: "shopper@meridian.test",
    password: "shopper-password",
    displayName: "Sam Shopper",
    role: "shopper",
  },
];
