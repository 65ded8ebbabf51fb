import { describe, expect, it } from "vitest";
import { PASSWORD_MIN } from "@shop/contracts";
import {
  checkRegistration,
  createUser,
  normalizeEmail,
  PASSWORD_MIN_LENGTH,
  type Registration,
} from "./user";
import { T0 } from "../test/fixtures";

const registration = (overrides: Partial<Registration> = {}): Registration => ({
  email: "ann@meridian.test",
  password: "long-enough",
  displayName: "Ann",
  ...overrides,
});

function fieldErrorsOf(r: Registration): Record<string, string[]> {
  const checked = checkRegistration(r);
  if (checked.ok || checked.error.code !== "VALIDATION_FAILED")
    throw new Error(`expected VALIDATION_FAILED, got ${JSON.stringify(checked)}`);
  return checked.error.fieldErrors;
}

describe("normalizeEmail", () => {
  it.each([
    ["Ann@Meridian.TEST", "ann@meridian.test"],
    ["  ann@meridian.test ", "ann@meridian.test"],
    ["ann@meridian.test", "ann@meridian.test"],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });
});

describe("checkRegistration", () => {
  it("returns the registration normalized", () => {
    expect(
      checkRegistration(
        registration({
          email: " Ann@Meridian.Test ",
          displayName: "  Ann  ",
          password: " pass word ",
        }),
      ),
    ).toEqual({
      ok: true,
      value: { email: "ann@meridian.test", displayName: "Ann", password: " pass word " },
    });
  });

  it("holds the same password minimum as the shop's input contract", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(PASSWORD_MIN);
    expect(checkRegistration(registration({ password: "x".repeat(PASSWORD_MIN) })).ok).toBe(true);
    expect(fieldErrorsOf(registration({ password: "x".repeat(PASSWORD_MIN - 1) }))).toEqual({
      password: [`Use at least ${PASSWORD_MIN} characters`],
    });
  });

  it.each(["", "ann", "ann@", "@meridian.test", "ann@meridian", "a nn@meridian.test"])(
    "refuses the email %j",
    (email) => {
      expect(Object.keys(fieldErrorsOf(registration({ email })))).toEqual(["email"]);
    },
  );

  it("refuses an email longer than 254 characters", () => {
    const email = `${"a".repeat(250)}@x.io`;
    expect(fieldErrorsOf(registration({ email }))).toEqual({ email: ["Email is too long"] });
  });

  it("refuses a password over 200 characters and a blank or long display name", () => {
    expect(Object.keys(fieldErrorsOf(registration({ password: "x".repeat(201) })))).toEqual([
      "password",
    ]);
    expect(Object.keys(fieldErrorsOf(registration({ displayName: "   " })))).toEqual([
      "displayName",
    ]);
    expect(Object.keys(fieldErrorsOf(registration({ displayName: "x".repeat(61) })))).toEqual([
      "displayName",
    ]);
  });

  it("reports every invalid field at once", () => {
    expect(
      Object.keys(fieldErrorsOf({ email: "nope", password: "short", displayName: "" })).sort(),
    ).toEqual(["displayName", "email", "password"]);
  });
});

describe("createUser", () => {
  it("makes a shopper by default, with a lower-case email and a trimmed name", () => {
    expect(
      createUser({
        id: "u1",
        email: "Ann@Meridian.test",
        displayName: " Ann ",
        passwordHash: "$argon2id$...",
        now: T0,
      }),
    ).toEqual({
      id: "u1",
      email: "ann@meridian.test",
      displayName: "Ann",
      role: "shopper",
      passwordHash: "$argon2id$...",
      createdAt: T0,
    });
  });

  it("makes an admin when asked (the seed does)", () => {
    const admin = createUser({
      id: "u2",
      email: "a@meridian.test",
      displayName: "A",
      passwordHash: "h",
      now: T0,
      role: "admin",
    });
    expect(admin.role).toBe("admin");
  });
});
