import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { materializeAbortReasonStacks } from "./abort-reason-stacks";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/**
 * Aborts with an Error created in a frame whose closure reaches a 1 MB page, as a render's
 * onError closure reaches its page; returns the signal (which keeps its reason) and a weak
 * reference to the page, to ask whether it could be collected.
 */
function abortInAFrameHolding(): { signal: AbortSignal; page: WeakRef<Uint8Array> } {
  const page = new Uint8Array(1024 * 1024);
  const controller = new AbortController();
  const size = () => page.length;
  (function endOfRender() {
    size();
    controller.abort(new Error("This render completed successfully."));
  })();
  return { signal: controller.signal, page: new WeakRef(page) };
}

/**
 * How many of 20 pages are still reachable after a full collection while their aborted signals
 * are kept. Asked with weak references, not memory figures: V8 frees array buffers on a
 * background thread, so a figure read at once can still count pages already collected.
 */
async function pagesKeptBy20Signals(): Promise<number> {
  const aborted = Array.from({ length: 20 }, abortInAFrameHolding);
  // A WeakRef holds its target until the job that made it ends.
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  expect(aborted.every((a) => a.signal.aborted)).toBe(true);
  return aborted.filter((a) => a.page.deref() !== undefined).length;
}

describe("abort reasons' stacks", () => {
  // Order matters: the first test runs before the patch is installed in this process.
  it("without the patch, an unread stack keeps every frame's closure (the leak it fixes)", async () => {
    expect(await pagesKeptBy20Signals()).toBe(20);
  });

  it("with it, a reason keeps its stack as text and the page can be collected", async () => {
    materializeAbortReasonStacks();
    expect(await pagesKeptBy20Signals()).toBe(0);
    const { signal } = abortInAFrameHolding();
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
