import type { CombineFn } from "../CombineFn";
import { describeFunction } from "./describeFunction";
import { largestFn } from "./largest";
import type { NaturallyOrdered } from "./naturalOrder";
import { naturalOrder } from "./naturalOrder";

/**
 * A CombineFn that keeps the `n` smallest inputs by `compare` (default {@link naturalOrder}) and
 * outputs them in ascending order, like Beam's `Top.smallest(n)`: {@link top} with the order
 * reversed, with the same guarantees about ties and bounded memory.
 * @throws RangeError when `n` is not an integer `>= 0`.
 * @example
 * ```ts
 * const fn = combiners.bottom(2);
 * fn.extractOutput([3, 1, 4, 1, 5].reduce((a, x) => fn.addInput(a, x), fn.createAccumulator())); // [1, 1]
 * fn.toString(); // "combiners.bottom(2)"
 * ```
 * @public
 */
export function bottom<T extends NaturallyOrdered>(n: number): CombineFn<T, T[], T[]>;
export function bottom<T>(n: number, compare: (a: T, b: T) => number): CombineFn<T, T[], T[]>;
export function bottom<T>(n: number, compare?: (a: T, b: T) => number): CombineFn<T, T[], T[]> {
  const order = compare ?? (naturalOrder as (a: T, b: T) => number);
  const name =
    compare === undefined ? `combiners.bottom(${n})` : `combiners.bottom(${n}, ${describeFunction(compare)})`;
  return largestFn(name, n, (a, b) => order(b, a));
}
