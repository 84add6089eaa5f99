import type { CombineFn } from "../CombineFn";
import { combineFn } from "../CombineFn";

/**
 * A CombineFn that counts its inputs, like Beam's `Count.globally()` / `Count.perKey()`.
 * The count of no inputs is `0`.
 * @example
 * ```ts
 * const fn = combiners.count();
 * fn.extractOutput(["a", "b"].reduce((acc, x) => fn.addInput(acc, x), fn.createAccumulator())); // 2
 * fn.toString(); // "combiners.count()"
 * ```
 * @public
 */
export function count(): CombineFn<unknown, number, number> {
  return countFn;
}

const countFn = combineFn<unknown, number, number>({
  name: "combiners.count()",
  create: () => 0,
  add: (accumulator) => accumulator + 1,
  merge: (accumulators) => {
    let total = 0;
    for (const n of accumulators) total += n;
    return total;
  },
  extract: (accumulator) => accumulator,
});
