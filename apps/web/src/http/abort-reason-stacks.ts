/*
 * Next 16 and React 19 abort a few AbortControllers at the end of every render, successful ones
 * included ("This render completed successfully. All cacheSignals are now aborted..."), with an
 * Error or DOMException as the reason. V8 formats an error's stack only when someone reads it;
 * until then it keeps the frames themselves, and each frame keeps its function's closure: here
 * the render's, which reaches the whole page (HTML and RSC payload). The reasons outlive the
 * render, so every page rendered stayed in memory (vercel/next.js#97434). Measured here: 10 s
 * of searches nobody made before grew the storefront's live heap by ~90 MB, without end (783 MB
 * resident after 40 s); with this, it stays at ~65 MB (266 MB resident).
 *
 * Reading the reason's stack as the controller aborts formats it and lets V8 drop the frames,
 * so stack traces stay (unlike --stack-trace-limit=0, which stops the leak as well) and the
 * cost is one formatted stack per abort, a few per render.
 */
export function materializeAbortReasonStacks(): void {
  const abort = AbortController.prototype.abort;
  AbortController.prototype.abort = function (this: AbortController, reason?: unknown) {
    abort.call(this, reason);
    const settled: unknown = this.signal.reason;
    if (settled !== null && typeof settled === "object" && "stack" in settled) void settled.stack;
  };
}
