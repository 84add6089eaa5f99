import type { CombineFn } from "../CombineFn";
import { combineFn } from "../CombineFn";
import type { ExactSum } from "./exactSum";
import { addToExactSum, emptyExactSum, mergeExactSum, roundExactSum } from "./exactSum";

/**
 * A CombineFn that sums numbers, like Beam's `Sum.ofDoubles()`, but exactly: the output is the
 * true sum of the inputs rounded once, so it does not depend on the order or grouping of the
 * inputs (naive floating-point addition does: `(1e100 + 1) - 1e100` is `0`, this gives `1`).
 *
 * The sum of no inputs is `0`. Non-finite inputs follow IEEE addition: any `NaN`, or both
 * `Infinity` and `-Infinity`, give `NaN`; otherwise an infinite input gives that infinity. A sum
 * whose running partials overflow `Number.MAX_VALUE` is `±Infinity`, and only such a sum may
 * depend on the order of the inputs. For bigints see
 * {@link sumBigInts}.
 * @example
 * ```ts
 * const fn = combiners.sum();
 * const acc = [0.1, 0.2, 0.3].reduce((a, x) => fn.addInput(a, x), fn.createAccumulator());
 * fn.extractOutput(acc); // 0.6 (a naive loop gives 0.6000000000000001)
 * fn.toString(); // "combiners.sum()"
 * ```
 * @public
 */
export function sum(): CombineFn<number, ExactSum, number> {
  return sumFn;
}

const sumFn = combineFn<number, ExactSum, number>({
  name: "combiners.sum()",
  create: emptyExactSum,
  add: addToExactSum,
  merge: ([first, ...rest]) => {
    // `first` is defined: combineFn only calls merge with a non-empty array.
    const merged = first as ExactSum;
    for (const other of rest) mergeExactSum(merged, other);
    return merged;
  },
  extract: roundExactSum,
});
