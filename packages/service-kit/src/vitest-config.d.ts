import type { ViteUserConfig } from "vitest/config";

/** A workspace's vitest config: the shop's defaults with `overrides` merged in (vitest-config.js). */
export function serviceVitestConfig(overrides?: ViteUserConfig): ViteUserConfig;
