/* eslint-disable no-console -- a command-line tool: its output is its interface */
import { parseFlags, HELP } from "./flags";
import { production } from "./production";
import { select, toYaml } from "./render";
import type { Settings } from "./settings";

/*
 * `npm run manifests --silent [-- --flag value ...]`: the production overlay as multi-document
 * YAML on stdout, for `| kubectl apply -f -`. Every flag has a default (settings.ts); see
 * docs/kubernetes.md for the order (migrations, wait, apps).
 */

function main() {
  let settings: Settings | "help";
  try {
    settings = parseFlags(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  if (settings === "help") {
    console.log(HELP);
    return;
  }
  process.stdout.write(toYaml(select(production(settings), settings.part)));
}

main();
