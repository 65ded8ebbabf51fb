/** The most of the children's output kept (the newest), in characters. */
const OUTPUT_LIMIT = 8_000_000;

/**
 * What a stack's children printed, one buffer for all: the newest OUTPUT_LIMIT characters, as
 * chunks of lines (`dropped` characters were let go before them).
 */
export class StackOutput {
  private readonly chunks: string[] = [];
  private size = 0;
  private dropped = 0;

  record(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    while (this.size > OUTPUT_LIMIT && this.chunks.length > 1) {
      const first = this.chunks.shift()!;
      this.size -= first.length;
      this.dropped += first.length;
    }
  }

  /** Everything kept. */
  text(): string {
    return this.chunks.join("");
  }

  /** What is recorded from now on: call the answer to read it. */
  fromNow(): () => string {
    const mark = this.dropped + this.size;
    return () => this.chunks.join("").slice(Math.max(0, mark - this.dropped));
  }
}
