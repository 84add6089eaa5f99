import { MAX_TIMESTAMP, MIN_TIMESTAMP } from "@tributary/core";
import type { SourceProgress } from "../sources/CountingSource";

/**
 * The CLI's progress line on stderr: events processed, events/s and the source's watermark,
 * redrawn in place at most every `intervalMs` (a new line each time when stderr is not a
 * terminal).
 * @public
 */
export class ProgressLine {
  private lastDraw = 0;
  private readonly started = performance.now();

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly intervalMs = 500,
    private readonly total?: number,
  ) {}

  /** Draws `p` if the interval has passed. */
  update(p: SourceProgress): void {
    const now = performance.now();
    // A terminal redraws one line in place; a log file gets a line every 5 s at most.
    if (now - this.lastDraw < (this.out.isTTY ? this.intervalMs : Math.max(this.intervalMs, 5000))) return;
    this.lastDraw = now;
    this.draw(p, now);
  }

  /** Draws `p` and ends the line. */
  finish(p: SourceProgress): void {
    this.draw(p, performance.now());
    if (this.out.isTTY) this.out.write("\n");
  }

  private draw(p: SourceProgress, now: number): void {
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(p.elements / seconds) : 0;
    const wm =
      p.watermark >= MAX_TIMESTAMP
        ? "end of stream"
        : p.watermark <= MIN_TIMESTAMP
          ? "not yet"
          : new Date(p.watermark).toISOString().replace(".000Z", "Z");
    const of = this.total !== undefined ? ` / ${this.total.toLocaleString("en-US")}` : "";
    const pct =
      this.total !== undefined
        ? ` ${bar(p.elements / this.total)} ${Math.floor((100 * p.elements) / this.total)}%`
        : "";
    const line = `events ${p.elements.toLocaleString("en-US")}${of}${pct}  ${rate.toLocaleString("en-US")} events/s  watermark ${wm}`;
    if (this.out.isTTY) this.out.write(`\r${line}\x1b[K`);
    else this.out.write(`${line}\n`);
  }
}

function bar(fraction: number, width = 20): string {
  const n = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return `[${"#".repeat(n)}${".".repeat(width - n)}]`;
}
