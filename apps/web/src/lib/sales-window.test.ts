import { describe, expect, it } from "vitest";
import { dayLabel, windowPhrase, windowRange } from "./sales-window";

describe("the sales window in words", () => {
  it("says how long the window is", () => {
    expect(windowPhrase(3)).toBe("in the last 3 days");
    expect(windowPhrase(1)).toBe("today");
  });

  it("labels a calendar day as it is, whatever the reader's time zone", () => {
    expect(dayLabel("2026-03-08")).toBe("Mar 8");
    expect(dayLabel("2026-12-31")).toBe("Dec 31");
  });

  it("names the window's first and last day and its time zone", () => {
    const window = { days: 3, timeZone: "Europe/Berlin", from: "2026-02-27", to: "2026-03-01" };
    expect(windowRange(window)).toBe("Feb 27 – Mar 1 (Europe/Berlin)");
    expect(windowRange({ ...window, days: 1, from: "2026-03-01" })).toBe("Mar 1 (Europe/Berlin)");
  });
});
