import { describe, expect, it } from "vitest";
import { toTRPCError, waitText } from "./map";

describe("waitText", () => {
  it.each([
    [1, "1 second"],
    [2, "2 seconds"],
    [45, "45 seconds"],
    [90, "90 seconds"],
    [91, "2 minutes"],
    [885, "15 minutes"],
    [3585, "60 minutes"],
  ])("%i s -> %j", (seconds, text) => {
    expect(waitText(seconds)).toBe(text);
  });

  it("words a long sign-in wait in minutes", () => {
    expect(
      toTRPCError({ code: "RATE_LIMITED", action: "sign-in", retryAfterSeconds: 3585 }).message,
    ).toBe("Too many sign-in attempts. Try again in 60 minutes.");
  });
});
