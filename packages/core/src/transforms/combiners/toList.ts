import type { CombineFn } from "../CombineFn";
import { combineFn } from "../CombineFn";

/**
 * A CombineFn that collects its inputs into an array, like Beam's `ToList` / `Combine.globally(toList)`.
 *
 * The order of the output is unspecified: it depends on how the runner split and merged the
 * inputs. No inputs give `[]`. Memory grows with the input; prefer a real aggregation when one fits.
 * @example
 * ```ts
 * const fn = combiners.toList<string>();
 * fn.extractOutput(["a", "b"].reduce((a, x) => fn.addInput(a, x), fn.createAccumulator())); // ["a", "b"]
 * fn.toString(); // "combiners.toList()"
 * ```
 * @public
 */
export function toList<T>(): CombineFn<T, T[], T[]> {
  return toListFn as CombineFn<T, T[], T[]>;
}

const toListFn = combineFn<unknown, unknown[], unknown[]>({
  name: "combiners.toList()",
  create: () => [],
  add: (accumulator, input) => {
    accumulator.push(input);
    return accumulator;
  },
  merge: ([first, ...rest]) => {
    // `first` is defined: combineFn only calls merge with a non-empty array.
    const merged = first as unknown[];
    for (const other of rest) for (const input of other) merged.push(input);
    return merged;
  },
  extract: (accumulator) => accumulator.slice(),
});
