import type { CombineFn, PartialReduction } from "../CombineFn";
import { fromBinaryFn } from "../CombineFn";
import { describeFunction } from "./describeFunction";
import type { NaturallyOrdered } from "./naturalOrder";
import { naturalOrder } from "./naturalOrder";

/**
 * A CombineFn that finds the smallest input by `compare` (default {@link naturalOrder}), like
 * Beam's `Min.globally()`.
 *
 * The minimum of no inputs is `undefined` (Beam Python raises; Beam Java's `Min.ofDoubles()`
 * returns `Infinity`). Under `naturalOrder`, `-0` is smaller than `0` and `NaN` is larger than every
 * number, so `NaN` inputs are the minimum only when all inputs are `NaN`. Among inputs that
 * `compare` ties, which one is returned is unspecified.
 * @example
 * ```ts
 * const fn = combiners.min();
 * fn.extractOutput([3, 1, 2].reduce((a, x) => fn.addInput(a, x), fn.createAccumulator())); // 1
 * fn.toString(); // "combiners.min()"
 * combiners.min((a: Date, b: Date) => a.getTime() - b.getTime());
 * ```
 * @public
 */
export function min<T extends NaturallyOrdered>(): CombineFn<T, PartialReduction<T>, T | undefined>;
export function min<T>(compare: (a: T, b: T) => number): CombineFn<T, PartialReduction<T>, T | undefined>;
export function min<T>(compare?: (a: T, b: T) => number): CombineFn<T, PartialReduction<T>, T | undefined> {
  const order = compare ?? (naturalOrder as (a: T, b: T) => number);
  const name = compare === undefined ? "combiners.min()" : `combiners.min(${describeFunction(compare)})`;
  return fromBinaryFn<T>(name, (a, b) => (order(b, a) < 0 ? b : a));
}
