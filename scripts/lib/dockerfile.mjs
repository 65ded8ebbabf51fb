// A small interpreter for the part of the Dockerfile language the shop's images use, so a test
// can build an image's file tree without Docker (no engine runs on CI machines): each stage's
// root is a folder of its own, WORKDIR and absolute paths map into it, COPY copies from the
// build context (minus .dockerignore) or from another stage's folder, RUN runs in a shell
// there. The base image is taken to be this machine (its node and npm): a RUN step must use
// only what WORKDIR holds and what Node's image has, never an absolute path of the stage.
// An instruction or flag it does not know is refused, so a Dockerfile cannot use more than
// the test can check.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const KNOWN = new Set([
  "FROM",
  "WORKDIR",
  "COPY",
  "RUN",
  "ENV",
  "ARG",
  "USER",
  "EXPOSE",
  "HEALTHCHECK",
  "CMD",
]);

/** The Dockerfile's logical lines (continuations joined, comments and parser directives out). */
function logicalLines(text) {
  const lines = [];
  let current = "";
  let startLine = 0;
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/\r$/, "");
    if (!current && /^\s*(#|$)/.test(line)) return;
    if (current && /^\s*#/.test(line)) return; // a comment inside a continued instruction
    if (!current) startLine = i + 1;
    if (line.endsWith("\\")) current += `${line.slice(0, -1)} `;
    else {
      lines.push({ text: (current + line).trim(), line: startLine });
      current = "";
    }
  });
  if (current) lines.push({ text: current.trim(), line: startLine });
  return lines;
}

/** Leading `--name=value` flags of an instruction's arguments: { flags, rest }. */
function takeFlags(rest) {
  const flags = {};
  let m;
  while ((m = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest))) {
    flags[m[1]] = m[2] ?? true;
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}

/** An exec-form array (`["node", "x"]`), or null for the shell form. */
function execForm(rest) {
  if (!rest.startsWith("[")) return null;
  const value = JSON.parse(rest);
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string"))
    throw new Error(`not an array of strings: ${rest}`);
  return value;
}

/** `A=1 B="two words"` into pairs (ENV and ARG's key=value form). */
function keyValues(rest) {
  const pairs = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|\S*))?\s*/y;
  let m;
  while (re.lastIndex < rest.length && (m = re.exec(rest)))
    pairs.push([m[1], m[2]?.startsWith('"') ? JSON.parse(m[2]) : m[2]]);
  if (re.lastIndex < rest.length) throw new Error(`cannot read "${rest}"`);
  return pairs;
}

function check(cond, where, message) {
  if (!cond) throw new Error(`${where}: ${message}`);
}

/**
 * Parses a Dockerfile into its stages: [{ name, base, steps: [{ op, flags, args, line }] }].
 * Throws on an instruction, a flag or a form this interpreter does not implement.
 */
export function parseDockerfile(text, file = "Dockerfile") {
  const stages = [];
  for (const { text: instruction, line } of logicalLines(text)) {
    const where = `${file}:${line}`;
    const m = /^(\S+)\s*(.*)$/s.exec(instruction);
    const op = m[1].toUpperCase();
    check(KNOWN.has(op), where, `${op} is not an instruction this interpreter knows`);
    const { flags, rest } = takeFlags(m[2]);
    const allowed = {
      COPY: ["from", "chown", "chmod"],
      HEALTHCHECK: ["interval", "timeout", "start-period", "retries"],
    };
    for (const flag of Object.keys(flags))
      check(allowed[op]?.includes(flag), where, `${op} --${flag} is not supported`);
    if (op === "FROM") {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      check(from, where, `FROM <image> [AS <name>] expected`);
      stages.push({ name: from[2] ?? String(stages.length), base: from[1], steps: [], line });
      continue;
    }
    check(stages.length > 0 || op === "ARG", where, `${op} before the first FROM`);
    const step = { op, flags, line, where };
    if (op === "RUN") {
      step.exec = execForm(rest);
      step.command = rest;
    } else if (op === "CMD") {
      step.exec = execForm(rest);
      check(step.exec, where, "CMD must be in exec form");
    } else if (op === "HEALTHCHECK") {
      const hc = /^CMD\s+(.*)$/s.exec(rest);
      check(hc, where, "HEALTHCHECK [options] CMD [...] expected");
      step.exec = execForm(hc[1]);
      check(step.exec, where, "HEALTHCHECK CMD must be in exec form");
    } else if (op === "ENV" || op === "ARG") {
      step.pairs = keyValues(rest);
      if (op === "ENV")
        check(
          step.pairs.every(([, v]) => v !== undefined),
          where,
          "ENV k=v",
        );
    } else if (op === "COPY") {
      check(!rest.startsWith("["), where, "COPY's JSON form is not supported");
      const parts = rest.split(/\s+/);
      check(parts.length >= 2, where, "COPY <src>... <dest>");
      check(!parts.some((p) => /[*?[]/.test(p)), where, "COPY wildcards are not supported");
      step.sources = parts.slice(0, -1);
      step.dest = parts.at(-1);
    } else {
      check(rest && !/\s/.test(rest), where, `${op} takes one argument`);
      step.value = rest;
    }
    if (stages.length) stages.at(-1).steps.push(step);
  }
  return stages;
}

/** .dockerignore's rules as a predicate on a context-relative path ("a/b/c"). */
export function dockerignore(text) {
  const rules = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const negate = l.startsWith("!");
      const pattern = path.posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, ""));
      const re = pattern
        .split("/")
        .map((part) =>
          part === "**"
            ? "(?:.*)"
            : part
                .replace(/[.+^${}()|\\]/g, "\\$&")
                .replace(/\*/g, "[^/]*")
                .replace(/\?/g, "[^/]"),
        )
        .join("/")
        .replace(/\(\?:\.\*\)\//g, "(?:.*/)?");
      return { negate, re: new RegExp(`^${re}(?:/.*)?$`) };
    });
  const ignored = (rel) => {
    let out = false;
    for (const r of rules) if (r.re.test(rel)) out = !r.negate;
    return out;
  };
  ignored.hasNegations = rules.some((r) => r.negate);
  return ignored;
}

/** Copies the build context's files (not what .dockerignore excludes) from `from` to `to`. */
function copyFromContext(context, ignored, rel, to) {
  const from = path.join(context, rel);
  const stat = statSync(from);
  if (!stat.isDirectory()) {
    cpSync(from, to);
    return;
  }
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    const childRel = rel === "." ? entry : path.posix.join(rel, entry);
    // A matched folder is left out whole (no pattern here re-includes inside one).
    if (ignored(childRel) && !ignored.hasNegations) continue;
    if (ignored(childRel) && statSync(path.join(context, childRel)).isFile()) continue;
    copyFromContext(context, ignored, childRel, path.join(to, entry));
  }
}

/** Runs a shell command; resolves with its duration, rejects with the tail of its output. */
export function runShell(command, { cwd, env, log }) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", command], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const keep = (chunk) => {
      out = (out + chunk).slice(-20_000);
      log?.(chunk.toString());
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(Date.now() - started)
        : reject(new Error(`"${command}" failed (${code}) in ${cwd}:\n${out.slice(-4000)}`)),
    );
  });
}

/**
 * The environment a RUN step starts from, as close to the base image's as this machine allows:
 * its PATH without any node_modules/.bin (npm run puts the repository's there, which would
 * lend a step our turbo), HOME (npm's cache, so `--prefer-offline` finds the packages), and
 * nothing of npm's, turbo's or the test's own variables.
 */
export function imageEnv(source = process.env) {
  const PATH = (source.PATH ?? "")
    .split(path.delimiter)
    .filter((p) => p && !p.includes("node_modules"))
    .join(path.delimiter);
  const env = { PATH, HOME: source.HOME ?? "/root" };
  for (const key of ["TMPDIR", "LANG", "npm_config_cache", "NPM_CONFIG_CACHE"])
    if (source[key]) env[key] = source[key];
  return env;
}

/**
 * Builds the Dockerfile's last stage (and the stages it copies from) in `workRoot`, one folder
 * per stage. `context` is the build context (the repository's root). Resolves the image:
 * { root, workdir (inside the image), env, user, cmd, healthcheck, expose, timings: [{ stage,
 * step, ms }] }. `onStep(stage, step)` is told before each RUN.
 */
export async function buildImage({ dockerfile, context, workRoot, baseEnv = imageEnv(), log }) {
  const stages = parseDockerfile(
    readFileSync(dockerfile, "utf8"),
    path.relative(context, dockerfile),
  );
  const ignoreFile = path.join(context, ".dockerignore");
  const ignored = dockerignore(existsSync(ignoreFile) ? readFileSync(ignoreFile, "utf8") : "");
  const byName = new Map(stages.map((s, i) => [s.name, { ...s, index: i }]));
  const built = new Map();
  const timings = [];

  // Only the stages the last one needs, as BuildKit does.
  const needed = new Set();
  const need = (stage) => {
    if (needed.has(stage.name)) return;
    needed.add(stage.name);
    if (byName.has(stage.base)) need(byName.get(stage.base));
    for (const s of stage.steps)
      if (s.flags.from) {
        check(byName.has(s.flags.from), s.where, `no stage named ${s.flags.from}`);
        need(byName.get(s.flags.from));
      }
  };
  need(stages.at(-1));

  for (const stage of stages) {
    if (!needed.has(stage.name)) continue;
    check(
      !byName.has(stage.base),
      `stage ${stage.name}`,
      "FROM <an earlier stage> is not supported",
    );
    const root = path.join(
      workRoot,
      `stage-${stage.index ?? byName.get(stage.name).index}-${stage.name}`,
    );
    mkdirSync(root, { recursive: true });
    const image = {
      root,
      workdir: "/",
      env: {},
      args: {},
      user: "root",
      cmd: null,
      healthcheck: null,
      expose: [],
    };
    const inRoot = (p) => path.join(root, p);
    const resolveIn = (p) => (path.posix.isAbsolute(p) ? p : path.posix.join(image.workdir, p));
    const expand = (s) =>
      s.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, k) => image.env[k] ?? image.args[k] ?? m);
    for (const step of stage.steps) {
      switch (step.op) {
        case "WORKDIR":
          image.workdir = resolveIn(expand(step.value));
          mkdirSync(inRoot(image.workdir), { recursive: true });
          break;
        case "ENV":
          for (const [k, v] of step.pairs) image.env[k] = expand(v);
          break;
        case "ARG":
          for (const [k, v] of step.pairs) image.args[k] = v ?? "";
          break;
        case "USER":
          image.user = step.value;
          break;
        case "EXPOSE":
          image.expose.push(step.value);
          break;
        case "CMD":
          image.cmd = step.exec;
          break;
        case "HEALTHCHECK":
          image.healthcheck = { exec: step.exec, flags: step.flags };
          break;
        case "COPY": {
          const dest = resolveIn(expand(step.dest));
          const intoDir = step.dest.endsWith("/") || step.sources.length > 1;
          for (const src of step.sources.map(expand)) {
            let from;
            if (step.flags.from) {
              from = path.join(built.get(step.flags.from).root, path.posix.resolve("/", src));
            } else {
              const rel = path.posix.normalize(src).replace(/^\/+/, "") || ".";
              check(!rel.startsWith(".."), step.where, `${src} is outside the context`);
              check(
                rel === "." || !ignored(rel),
                step.where,
                `${src} is excluded by .dockerignore`,
              );
              from = null;
              const to =
                intoDir && statSync(path.join(context, rel)).isFile()
                  ? inRoot(path.posix.join(dest, path.posix.basename(rel)))
                  : inRoot(dest);
              mkdirSync(path.dirname(to), { recursive: true });
              copyFromContext(context, ignored, rel, to);
            }
            if (from) {
              check(
                existsSync(from),
                step.where,
                `${src} does not exist in stage ${step.flags.from}`,
              );
              const to =
                intoDir && statSync(from).isFile()
                  ? inRoot(path.posix.join(dest, path.posix.basename(src)))
                  : inRoot(dest);
              mkdirSync(path.dirname(to), { recursive: true });
              // As Docker does: a folder's contents, symbolic links as they are.
              cpSync(from, to, { recursive: true, verbatimSymlinks: true, force: true });
            }
          }
          break;
        }
        case "RUN": {
          check(!step.exec, step.where, "RUN's exec form is not supported");
          const env = { ...baseEnv, ...image.args, ...image.env };
          const ms = await runShell(step.command, { cwd: inRoot(image.workdir), env, log });
          timings.push({ stage: stage.name, step: step.command, ms });
          break;
        }
        default:
          throw new Error(`${step.where}: ${step.op} is not implemented`);
      }
    }
    built.set(stage.name, image);
  }
  return { ...built.get(stages.at(-1).name), timings, stages };
}
