import type { CombineFn } from "../CombineFn";
import { describeFunction } from "./describeFunction";
import { largestFn } from "./largest";
import type { NaturallyOrdered } from "./naturalOrder";
import { naturalOrder } from "./naturalOrder";

/**
 * A CombineFn that keeps the `n` largest inputs by `compare` (default {@link naturalOrder}) and
 * outputs them in descending order, like Beam's `Top.of(n, compare)` / `Top.largest(n)`.
 *
 * The accumulator holds at most `n` inputs. No inputs give `[]`; fewer than `n` give all of them.
 * Inputs that `compare` ties are all kept if they fit; when only some of them fit, which ones
 * are kept, and their order among themselves, is unspecified. Under `naturalOrder`, `NaN` is
 * larger than every number.
 * @throws RangeError when `n` is not an integer `>= 0`.
 * @example
 * ```ts
 * const fn = combiners.top(2);
 * fn.extractOutput([3, 1, 4, 1, 5].reduce((a, x) => fn.addInput(a, x), fn.createAccumulator())); // [5, 4]
 * fn.toString(); // "combiners.top(2)"
 * const byScore = (a: { score: number }, b: { score: number }) => a.score - b.score;
 * combiners.top(10, byScore).toString(); // "combiners.top(10, byScore)"
 * ```
 * @public
 */
export function top<T extends NaturallyOrdered>(n: number): CombineFn<T, T[], T[]>;
export function top<T>(n: number, compare: (a: T, b: T) => number): CombineFn<T, T[], T[]>;
export function top<T>(n: number, compare?: (a: T, b: T) => number): CombineFn<T, T[], T[]> {
  if (compare === undefined)
    return largestFn(`combiners.top(${n})`, n, naturalOrder as (a: T, b: T) => number);
  return largestFn(`combiners.top(${n}, ${describeFunction(compare)})`, n, compare);
}
