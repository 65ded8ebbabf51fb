import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

const SCREENSHOTS = path.join(import.meta.dirname, "screenshots");

/** Saves a full-page screenshot to e2e/screenshots (gitignored) for a person to look at. */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** PIDs of the e2e stack's processes, written by scripts/start.mjs. */
export function stackPid(name: string): number {
  const file = path.join(import.meta.dirname, "../../../.shop/e2e-pids.json");
  const pids = JSON.parse(readFileSync(file, "utf8")) as Record<string, number>;
  const pid = pids[name];
  if (!pid) throw new Error(`no pid for ${name} in ${file}`);
  return pid;
}

/** Prices as numbers from "$1,234.50" strings. */
export const dollars = (text: string) => Number(text.replace(/[^0-9.]/g, ""));
