import { newSeed } from "./prng";

/*
 * What a chaos run is asked to do: `npm run chaos -- [--short] [--seed N] [--checkouts N]
 * [--shoppers N] [--seconds N]`; CHAOS_SEED=N is the same as --seed N.
 *
 * The full profile is the issue's: 1,000 checkouts by 200 shoppers while faults are injected for
 * 150 s. The short one (`--short`, a step of `npm test`) keeps every kind of fault and check but
 * fewer checkouts and a 60 s fault window, so the whole run (stack start, world, faults, settling,
 * checks, stop) stays near three minutes on two cores.
 */

export interface ChaosOptions {
  readonly seed: number;
  readonly profile: "full" | "short";
  readonly checkouts: number;
  readonly shoppers: number;
  /** The fault window: kills, cuts and the broker restart happen within it. */
  readonly seconds: number;
}

const PROFILES = {
  full: { checkouts: 1_000, shoppers: 200, seconds: 150 },
  short: { checkouts: 300, shoppers: 60, seconds: 60 },
} as const;

export class UsageError extends Error {
  override readonly name = "UsageError";
}

const USAGE =
  "usage: npm run chaos -- [--short] [--seed N] [--checkouts N] [--shoppers N] [--seconds N]";

function count(flag: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} needs an integer >= ${min}\n${USAGE}`);
  return n;
}

export function parseOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ChaosOptions {
  const given: Partial<Record<"seed" | "checkouts" | "shoppers" | "seconds", number>> = {};
  let profile: ChaosOptions["profile"] = "full";
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=") ? arg.split("=", 2) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--short":
        profile = "short";
        break;
      case "--seed":
        given.seed = count(flag, value(), 0);
        break;
      case "--checkouts":
        given.checkouts = count(flag, value(), 1);
        break;
      case "--shoppers":
        given.shoppers = count(flag, value(), 1);
        break;
      case "--seconds":
        given.seconds = count(flag, value(), 30);
        break;
      default:
        throw new UsageError(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  const envSeed = env.CHAOS_SEED;
  const seed = given.seed ?? (envSeed ? count("CHAOS_SEED", envSeed, 0) : newSeed());
  const base = PROFILES[profile];
  const options = {
    seed,
    profile,
    checkouts: given.checkouts ?? base.checkouts,
    shoppers: given.shoppers ?? base.shoppers,
    seconds: given.seconds ?? base.seconds,
  };
  if (options.shoppers > options.checkouts)
    throw new UsageError(`--shoppers (${options.shoppers}) is more than --checkouts\n${USAGE}`);
  return options;
}

/** The command line that replays a run: printed at the start and with every failure. */
export const replayCommand = (o: ChaosOptions) =>
  `npm run chaos --${o.profile === "short" ? " --short" : ""} --seed ${o.seed}` +
  (o.checkouts !== PROFILES[o.profile].checkouts ? ` --checkouts ${o.checkouts}` : "") +
  (o.shoppers !== PROFILES[o.profile].shoppers ? ` --shoppers ${o.shoppers}` : "") +
  (o.seconds !== PROFILES[o.profile].seconds ? ` --seconds ${o.seconds}` : "");
