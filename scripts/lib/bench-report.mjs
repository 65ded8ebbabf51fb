// `npm run bench`'s one table: every figure beside the limit it is judged against, printed and
// written as JSON (every number, for tools) and markdown (for the README).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";

/**
 * Verdicts: "ok" or "MISSED" against a limit; "ref" for a figure that is the reference another
 * is judged by, or that the issue sets no limit for (it is printed so a change shows); "not
 * measured" with the reason when its phase failed or did not run.
 */
export function createReport() {
  const rows = [];
  let section = "";
  return {
    rows,
    section(name) {
      section = name;
    },
    /** A figure judged against `limit`: `ok` true, false, or a list of the parts it missed. */
    judged(figure, value, limit, ok, data) {
      const missed = Array.isArray(ok) ? ok : ok ? [] : [""];
      const verdict =
        missed.length === 0 ? "ok" : `MISSED${missed[0] ? `: ${missed.join(", ")}` : ""}`;
      rows.push({ section, figure, value, limit, verdict, data });
    },
    reference(figure, value, why = "reference", data) {
      rows.push({ section, figure, value, limit: why, verdict: "ref", data });
    },
    notMeasured(figure, limit, reason, value = "—") {
      rows.push({ section, figure, value, limit, verdict: `not measured: ${reason}` });
    },
  };
}

const pad = (text, width) => String(text).padEnd(width);

/** The table for the terminal, a section header line before each section's rows. */
export function printTable(rows) {
  const w = {
    figure: Math.max(...rows.map((r) => r.figure.length), 6),
    value: Math.max(...rows.map((r) => r.value.length), 5),
    limit: Math.max(...rows.map((r) => r.limit.length), 5),
  };
  let section;
  console.log(
    `\n${pad("figure", w.figure)}  ${pad("value", w.value)}  ${pad("limit", w.limit)}  verdict`,
  );
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      console.log(`\n${section}`);
    }
    console.log(
      `${pad(r.figure, w.figure)}  ${pad(r.value, w.value)}  ${pad(r.limit, w.limit)}  ${r.verdict}`,
    );
  }
}

const cell = (text) => String(text).replaceAll("|", "\\|");

export function markdownTable(rows) {
  const lines = ["| Figure | Value | Limit | Verdict |", "| --- | --- | --- | --- |"];
  let section;
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      lines.push(`| **${cell(section)}** | | | |`);
    }
    const verdict = r.verdict.startsWith("MISSED") ? `**${r.verdict}**` : r.verdict;
    lines.push(`| ${cell(r.figure)} | ${cell(r.value)} | ${cell(r.limit)} | ${cell(verdict)} |`);
  }
  return lines.join("\n");
}

/** The machine the figures are from: they hold for it only. */
export function machine() {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "",
    memoryGb: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

/** Writes latest.json and latest.md into `dir`; returns their paths. */
export function writeReport(dir, { rows, phases, startedAt, seconds, machine: host, settings }) {
  mkdirSync(dir, { recursive: true });
  const json = `${dir}/latest.json`;
  const md = `${dir}/latest.md`;
  writeFileSync(
    json,
    JSON.stringify({ startedAt, seconds, machine: host, settings, phases, figures: rows }, null, 2),
  );
  const phaseList = phases
    .map((p) => `${p.name} ${p.seconds} s${p.ok ? "" : ` (${p.reason})`}`)
    .join("; ");
  writeFileSync(
    md,
    `# npm run bench, ${startedAt}\n\n` +
      `${host.cores} cores (${host.cpu}), ${host.memoryGb} GB, Node ${host.node}; ` +
      `the whole run ${seconds.toFixed(0)} s.\n\n${markdownTable(rows)}\n\nPhases: ${phaseList}.\n`,
  );
  return { json, md };
}
