import type { CombineFn, PartialReduction } from "../CombineFn";
import { fromBinaryFn } from "../CombineFn";
import { describeFunction } from "./describeFunction";
import type { NaturallyOrdered } from "./naturalOrder";
import { naturalOrder } from "./naturalOrder";

/**
 * A CombineFn that finds the largest input by `compare` (default {@link naturalOrder}), like
 * Beam's `Max.globally()`.
 *
 * The maximum of no inputs is `undefined` (Beam Python raises; Beam Java's `Max.ofDoubles()`
 * returns `-Infinity`). Under `naturalOrder`, `-0` is smaller than `0` and `NaN` is larger than every
 * number, so any `NaN` input is the maximum. Among inputs that
 * `compare` ties, which one is returned is unspecified.
 * @example
 * ```ts
 * const fn = combiners.max();
 * fn.extractOutput([3, 1, 2].reduce((a, x) => fn.addInput(a, x), fn.createAccumulator())); // 3
 * fn.toString(); // "combiners.max()"
 * combiners.max((a: Date, b: Date) => a.getTime() - b.getTime());
 * ```
 * @public
 */
export function max<T extends NaturallyOrdered>(): CombineFn<T, PartialReduction<T>, T | undefined>;
export function max<T>(compare: (a: T, b: T) => number): CombineFn<T, PartialReduction<T>, T | undefined>;
export function max<T>(compare?: (a: T, b: T) => number): CombineFn<T, PartialReduction<T>, T | undefined> {
  const order = compare ?? (naturalOrder as (a: T, b: T) => number);
  const name = compare === undefined ? "combiners.max()" : `combiners.max(${describeFunction(compare)})`;
  return fromBinaryFn<T>(name, (a, b) => (order(b, a) > 0 ? b : a));
}
