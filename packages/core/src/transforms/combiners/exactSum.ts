/**
 * The exact sum of a multiset of finite numbers, kept as non-overlapping partials in increasing
 * order of magnitude (Shewchuk's algorithm, as in Python's `math.fsum`), plus the plain IEEE sum
 * of the non-finite inputs (`0` when there were none, else `±Infinity` or `NaN`) and of the
 * running partials that overflowed (`0` when none did).
 *
 * Because nothing is rounded until {@link roundExactSum}, the result is the correctly rounded sum
 * of the inputs whatever their order and grouping — so a sum does not depend on bundle
 * boundaries or on the order in which partial accumulators are merged.
 * @public
 */
export interface ExactSum {
  partials: number[];
  nonFinite: number;
  overflow: number;
}

/** Returns the exact sum of no inputs. @internal */
export function emptyExactSum(): ExactSum {
  return { partials: [], nonFinite: 0, overflow: 0 };
}

/**
 * Adds `value` to `sum` in place and returns `sum`.
 *
 * If a running partial overflows `±Number.MAX_VALUE`, the sum of the finite inputs becomes
 * `±Infinity` (as naive addition would); only then may the result depend on the order of the inputs.
 * @internal
 */
export function addToExactSum(sum: ExactSum, value: number): ExactSum {
  if (!Number.isFinite(value)) {
    sum.nonFinite += value;
    return sum;
  }
  const partials = sum.partials;
  let x = value;
  let kept = 0;
  for (let j = 0; j < partials.length; j++) {
    let y = partials[j] as number;
    if (Math.abs(x) < Math.abs(y)) {
      const larger = y;
      y = x;
      x = larger;
    }
    const hi = x + y;
    if (!Number.isFinite(hi)) {
      sum.overflow += hi;
      partials.length = 0;
      return sum;
    }
    const lo = y - (hi - x); // x + y === hi + lo exactly
    if (lo !== 0) partials[kept++] = lo;
    x = hi;
  }
  partials.length = kept;
  partials.push(x);
  return sum;
}

/** Adds all of `other` to `into` in place (leaving `other` alone) and returns `into`. @internal */
export function mergeExactSum(into: ExactSum, other: ExactSum): ExactSum {
  for (const partial of other.partials) addToExactSum(into, partial);
  into.nonFinite += other.nonFinite;
  into.overflow += other.overflow;
  return into;
}

/**
 * Returns the sum as a number: the exact sum rounded once to the nearest number (ties to even),
 * or the IEEE sum of the non-finite inputs when there were any, or `±Infinity` after an overflow.
 * The sum of no inputs is `0`.
 * @internal
 */
export function roundExactSum(sum: ExactSum): number {
  if (sum.nonFinite !== 0) return sum.nonFinite;
  if (sum.overflow !== 0) return sum.overflow;
  const p = sum.partials;
  let n = p.length;
  if (n === 0) return 0;
  let hi = p[--n] as number;
  let lo = 0;
  // Add partials from the largest down while the running sum stays exact.
  while (n > 0) {
    const x = hi;
    const y = p[--n] as number;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // hi + lo is exact; when the rest of the partials push lo past half an ulp, round away.
  const next = p[n - 1];
  if (n > 0 && next !== undefined && ((lo < 0 && next < 0) || (lo > 0 && next > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
