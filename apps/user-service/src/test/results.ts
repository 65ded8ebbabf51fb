import { expect } from "vitest";
import type { UserError } from "../domain/errors";
import type { Result } from "../domain/result";

/** The value of a successful result; fails the test (showing the error) otherwise. */
export function valueOf<T>(result: Result<T, UserError>): T {
  if (!result.ok) expect.fail(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The error of a failed result with the given code; fails the test otherwise. */
export function errorOf<C extends UserError["code"]>(
  result: Result<unknown, UserError>,
  code: C,
): Extract<UserError, { code: C }> {
  if (result.ok) expect.fail(`expected ${code}, got success`);
  expect(result.error.code).toBe(code);
  return result.error as Extract<UserError, { code: C }>;
}
