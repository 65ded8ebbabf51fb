import { parseArgs } from "node:util";
import { z } from "zod";
import { settingsSchema, type Settings } from "./settings";

/* The command line's flags (`--kebab-case`), one per setting (settings.ts), into settings. */

const string = { type: "string" } as const;
export const FLAGS = {
  registry: string,
  tag: string,
  namespace: string,
  host: string,
  "tls-secret": string,
  "ingress-class": string,
  "ingress-namespace": string,
  "ingress-pod-cidr": string,
  "data-platform-url": string,
  "data-platform-cidr": string,
  postgres: string,
  rabbitmq: string,
  "database-secret": { type: "string", multiple: true },
  "database-secret-key": string,
  "rabbitmq-secret": string,
  "rabbitmq-secret-key": string,
  "internal-auth-secret": string,
  "log-level": string,
  part: string,
  help: { type: "boolean", short: "h" },
} as const;

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Flags into settings; throws with every wrong flag named. */
export function parseFlags(args: readonly string[]): Settings | "help" {
  const { values } = parseArgs({ args: [...args], options: FLAGS, strict: true });
  if (values.help) return "help";
  const input = Object.fromEntries(
    Object.entries(values)
      .filter(([flag]) => flag !== "help")
      .map(([flag, value]) => [
        camel(flag === "database-secret" ? "database-secrets" : flag),
        value,
      ]),
  );
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  return parsed.data;
}

export const HELP = `Prints the shop's production manifests as YAML.
Usage: npm run manifests --silent -- [--flag value ...] | kubectl apply -f -
Flags (defaults in deploy/src/settings.ts):
${Object.keys(FLAGS)
  .map((flag) => `  --${flag}`)
  .join("\n")}
  --postgres and --rabbitmq take namespace:<name> or cidr:<range>;
  --database-secret <service>=<secret>, once per service to override;
  --part migrations|apps|all.`;
