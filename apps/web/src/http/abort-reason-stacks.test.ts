import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { materializeAbortReasonStacks } from "./abort-reason-stacks";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const MB = 1024 * 1024;

/**
 * Aborts with an Error created in a frame whose closure reaches a 1 MB buffer, as a render's
 * onError closure reaches its page; returns the signal, which keeps its reason.
 */
function abortInAFrameHolding(): AbortSignal {
  const page = new Uint8Array(MB);
  const controller = new AbortController();
  const size = () => page.length;
  (function endOfRender() {
    size();
    controller.abort(new Error("This render completed successfully."));
  })();
  return controller.signal;
}

/** Array-buffer memory still reachable while 20 aborted signals are kept. */
function retainedBy20Signals(): number {
  gc();
  const before = process.memoryUsage().arrayBuffers;
  const kept = Array.from({ length: 20 }, abortInAFrameHolding);
  gc();
  const retained = process.memoryUsage().arrayBuffers - before;
  expect(kept.every((s) => s.aborted)).toBe(true);
  return retained;
}

describe("abort reasons' stacks", () => {
  // Order matters: the first test runs before the patch is installed in this process.
  it("without the patch, an unread stack keeps every frame's closure (the leak it fixes)", () => {
    expect(retainedBy20Signals()).toBeGreaterThan(15 * MB);
  });

  it("with it, a reason keeps its stack as text and the page can be collected", () => {
    materializeAbortReasonStacks();
    expect(retainedBy20Signals()).toBeLessThan(2 * MB);
    const signal = abortInAFrameHolding();
    expect(String((signal.reason as Error).stack)).toContain("endOfRender");
  });

  it("still aborts with the given reason, or an AbortError without one", () => {
    const a = new AbortController();
    const reason = new Error("why");
    a.abort(reason);
    expect(a.signal.aborted).toBe(true);
    expect(a.signal.reason).toBe(reason);
    const b = new AbortController();
    b.abort();
    expect((b.signal.reason as DOMException).name).toBe("AbortError");
    const c = new AbortController();
    c.abort("plain text");
    expect(c.signal.reason).toBe("plain text");
  });
});
