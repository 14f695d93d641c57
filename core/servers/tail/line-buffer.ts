// Bytes read from a log into complete lines, with exact byte accounting: only text up to the
// last newline is handed on (a line still being written waits for its end), so the offset
// stored after a batch is always the start of a line. A "line" longer than MAX_LINE bytes
// without a newline is cut there (it is garbage; counting it as one unknown line keeps the
// reader moving). Runtime: pure.

export const MAX_LINE = 1 << 20;

export class LineBuffer {
  private carry: Buffer | undefined;

  /** Bytes received but not yet handed on (an unfinished line). */
  get pendingBytes(): number {
    return this.carry?.length ?? 0;
  }

  /**
   * Adds bytes; returns the complete lines' text (ending with a newline, or '' when there is
   * none yet) and how many bytes it covers.
   */
  push(chunk: Buffer): { text: string; bytes: number } {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const last = buf.lastIndexOf(10);
    if (last < 0) {
      if (buf.length >= MAX_LINE) {
        this.carry = undefined;
        return { text: `${buf.toString('utf8')}\n`, bytes: buf.length };
      }
      this.carry = buf;
      return { text: '', bytes: 0 };
    }
    this.carry = last + 1 < buf.length ? Buffer.from(buf.subarray(last + 1)) : undefined;
    return { text: buf.toString('utf8', 0, last + 1), bytes: last + 1 };
  }

  reset(): void {
    this.carry = undefined;
  }
}
