import type { Random } from "./Random";

/**
 * Samples ranks 0..n-1 with probability proportional to `1 / (rank + 1)^exponent` (Zipf's law):
 * a few items are very popular, most are rarely seen. Sampling is a binary search over the
 * precomputed cumulative distribution, O(log n).
 * @public
 */
export class Zipf {
  private readonly cdf: Float64Array;

  /** @throws RangeError unless `n >= 1` and `exponent >= 0`. */
  constructor(
    readonly n: number,
    readonly exponent = 1.1,
  ) {
    if (!(n >= 1) || !Number.isInteger(n)) throw new RangeError(`n must be an integer >= 1, got ${n}`);
    if (!(exponent >= 0)) throw new RangeError(`exponent must be >= 0, got ${exponent}`);
    this.cdf = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) this.cdf[i] = total += 1 / Math.pow(i + 1, exponent);
    for (let i = 0; i < n; i++) this.cdf[i]! /= total;
  }

  /** A rank in [0, n), rank 0 the most likely. */
  sample(random: Random): number {
    const r = random.next();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
