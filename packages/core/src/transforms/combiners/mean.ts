import type { CombineFn } from "../CombineFn";
import { combineFn } from "../CombineFn";
import type { ExactSum } from "./exactSum";
import { addToExactSum, emptyExactSum, mergeExactSum, roundExactSum } from "./exactSum";

/**
 * The accumulator of {@link mean}: the exact sum of the inputs and how many there were.
 * @public
 */
export interface MeanAccumulator {
  sum: ExactSum;
  count: number;
}

/**
 * A CombineFn that averages numbers, like Beam's `Mean.of()`: the exactly summed inputs (see
 * {@link sum}) divided by their count, so the output does not depend on order or grouping.
 *
 * The mean of no inputs is `NaN` (`0 / 0`; Beam Java also returns `NaN`, Beam Python raises).
 * Any `NaN` input, or both infinities, gives `NaN`; otherwise an infinite input gives that infinity.
 * @example
 * ```ts
 * const fn = combiners.mean();
 * fn.extractOutput([1, 2, 6].reduce((a, x) => fn.addInput(a, x), fn.createAccumulator())); // 3
 * fn.toString(); // "combiners.mean()"
 * ```
 * @public
 */
export function mean(): CombineFn<number, MeanAccumulator, number> {
  return meanFn;
}

const meanFn = combineFn<number, MeanAccumulator, number>({
  name: "combiners.mean()",
  create: () => ({ sum: emptyExactSum(), count: 0 }),
  add: (accumulator, input) => {
    addToExactSum(accumulator.sum, input);
    accumulator.count++;
    return accumulator;
  },
  merge: ([first, ...rest]) => {
    // `first` is defined: combineFn only calls merge with a non-empty array.
    const merged = first as MeanAccumulator;
    for (const other of rest) {
      mergeExactSum(merged.sum, other.sum);
      merged.count += other.count;
    }
    return merged;
  },
  extract: (accumulator) => roundExactSum(accumulator.sum) / accumulator.count,
});
