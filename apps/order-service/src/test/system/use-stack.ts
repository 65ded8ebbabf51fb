import { appendFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startStack, type Stack, type StackOptions } from "./stack";

/** Of the children's output, a failed test prints at most this much (the newest). */
const PRINT_LIMIT = 400_000;

/**
 * One stack for the calling test file: started in beforeAll (after any other exclusive stack has
 * stopped: the hook waits up to 10 minutes), stopped in afterAll. When a test fails, what the
 * services printed while it ran is written to stderr; with SYSTEM_TEST_OUTPUT=<file>, all of it
 * is appended to that file at the end. Read `.stack` inside tests and hooks.
 */
export function useStack(options: StackOptions = {}): { readonly stack: Stack } {
  let current: Stack | undefined;
  beforeAll(async () => {
    current = await startStack(options);
  }, 600_000);
  afterAll(async () => {
    try {
      await current?.stop();
    } finally {
      // SYSTEM_TEST_OUTPUT=<file>: everything the services printed, failed or not.
      const file = process.env.SYSTEM_TEST_OUTPUT;
      if (file && current) await appendFile(file, current.output());
    }
  }, 120_000);
  beforeEach(({ task, onTestFailed }) => {
    const since = current?.outputFromNow();
    onTestFailed(() => {
      const output = since?.() ?? "";
      const shown = output.length > PRINT_LIMIT ? output.slice(-PRINT_LIMIT) : output;
      process.stderr.write(
        `\n----- services' output during "${task.name}"${
          shown.length < output.length ? ` (last ${PRINT_LIMIT} characters)` : ""
        } -----\n${shown}----- end of services' output -----\n`,
      );
    });
  });
  return {
    get stack() {
      if (!current) throw new Error("The stack is not started yet (use it inside tests or hooks)");
      return current;
    },
  };
}
