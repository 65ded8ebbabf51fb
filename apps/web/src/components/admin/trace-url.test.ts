import { describe, expect, it } from "vitest";
import { traceUrl } from "./trace-url";

const id = "4bf92f3577b34da6a3ce929d0e0e4736";

describe("traceUrl", () => {
  it("puts the trace id where the template says", () => {
    expect(traceUrl("http://localhost:16686/trace/{traceId}", id)).toBe(
      `http://localhost:16686/trace/${id}`,
    );
    expect(traceUrl("https://t.example/?q={traceId}&also={traceId}", id)).toBe(
      `https://t.example/?q=${id}&also=${id}`,
    );
  });

  it("no template, no link", () => {
    expect(traceUrl("", id)).toBeNull();
  });
});
