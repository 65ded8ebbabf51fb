import { expect } from "vitest";
import type { ProductError } from "../domain/errors";
import type { Result } from "../domain/result";

/** The value of a successful result; fails the test (showing the error) otherwise. */
export function valueOf<T>(result: Result<T, ProductError>): T {
  if (!result.ok) expect.fail(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The error of a failed result with the given code; fails the test otherwise. */
export function errorOf<C extends ProductError["code"]>(
  result: Result<unknown, ProductError>,
  code: C,
): Extract<ProductError, { code: C }> {
  if (result.ok) expect.fail(`expected ${code}, got success`);
  expect(result.error.code).toBe(code);
  return result.error as Extract<ProductError, { code: C }>;
}
