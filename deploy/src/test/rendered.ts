import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

/*
 * What the tests look at: the YAML the CLI prints (`npm run manifests`), parsed back, never the
 * objects in memory, so the printing and the parsing a cluster does are part of what is tested.
 */

export const DEPLOY_DIR = fileURLToPath(new URL("../..", import.meta.url));
export const REPO_DIR = fileURLToPath(new URL("../../..", import.meta.url));

// A Kubernetes object as parsed from YAML: the tests read into it by path.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = Record<string, any>;

/** Runs the CLI (as `npm run manifests` does) with the flags; its stdout, stderr and status. */
export function runCli(args: readonly string[] = []) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: DEPLOY_DIR,
    encoding: "utf8",
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** The documents of a multi-document YAML text; a YAML error fails the caller. */
export function parseDocs(text: string): Doc[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join("\n"));
    return doc.toJS() as Doc;
  });
}

/** The CLI's documents for the flags; throws with its stderr when it fails. */
export function render(args: readonly string[] = []): Doc[] {
  const { stdout, stderr, status } = runCli(args);
  if (status !== 0) throw new Error(`manifests exited ${status}: ${stderr}`);
  return parseDocs(stdout);
}

export const ofKind = (docs: readonly Doc[], kind: string) => docs.filter((d) => d.kind === kind);

export function named(docs: readonly Doc[], kind: string, name: string): Doc {
  const found = docs.find((d) => d.kind === kind && d.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}
