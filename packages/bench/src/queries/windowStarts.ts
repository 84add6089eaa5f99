/** Non-negative remainder. */
const mod = (a: number, b: number): number => ((a % b) + b) % b;

/**
 * The starts of the sliding windows `[start, start + size)` (one every `period`) that contain
 * `t`, latest first — what `slidingWindows(size).every(period)` assigns; with `period === size`,
 * the one fixed window. For the baselines.
 * @public
 */
export function windowStarts(t: number, size: number, period: number): number[] {
  const starts: number[] = [];
  for (let s = t - mod(t, period); s > t - size; s -= period) starts.push(s);
  return starts;
}

/**
 * Per-window aggregates for a baseline over a time-ordered stream: `get` the accumulator of a
 * window, `closeBefore(t)` emits (in start order) every window that ends at or before `t`.
 * @public
 */
export class WindowTable<A> {
  private readonly windows = new Map<number, A>();
  private readonly starts: number[] = [];

  constructor(
    private readonly size: number,
    private readonly create: () => A,
    private readonly emit: (start: number, acc: A) => void,
  ) {}

  get(start: number): A {
    let acc = this.windows.get(start);
    if (acc === undefined) {
      this.windows.set(start, (acc = this.create()));
      this.starts.push(start);
      this.starts.sort((a, b) => a - b);
    }
    return acc;
  }

  closeBefore(t: number): void {
    while (this.starts.length > 0 && this.starts[0]! + this.size <= t) {
      const start = this.starts.shift()!;
      this.emit(start, this.windows.get(start)!);
      this.windows.delete(start);
    }
  }
}
