import { structuralKey } from "../../coders/structuralKey";
import type { CombineFn } from "../CombineFn";
import { combineFn } from "../CombineFn";

/**
 * A CombineFn that counts distinct inputs exactly, like Beam's `Count.perElement()` followed by a
 * count (Beam's `ApproximateUnique` estimates; this does not). Inputs are compared the way
 * grouping keys are, by their {@link structuralKey}: structurally equal values count once.
 *
 * The accumulator is the set of the structural keys seen, so memory grows with the number of
 * distinct inputs. No inputs give `0`.
 * @example
 * ```ts
 * const fn = combiners.distinctCount();
 * const inputs = [{ user: "a" }, { user: "b" }, { user: "a" }];
 * fn.extractOutput(inputs.reduce((a, x) => fn.addInput(a, x), fn.createAccumulator())); // 2
 * fn.toString(); // "combiners.distinctCount()"
 * ```
 * @public
 */
export function distinctCount(): CombineFn<unknown, Set<string>, number> {
  return distinctCountFn;
}

const distinctCountFn = combineFn<unknown, Set<string>, number>({
  name: "combiners.distinctCount()",
  create: () => new Set(),
  add: (accumulator, input) => accumulator.add(structuralKey(input)),
  merge: ([first, ...rest]) => {
    // `first` is defined: combineFn only calls merge with a non-empty array.
    const merged = first as Set<string>;
    for (const other of rest) for (const key of other) merged.add(key);
    return merged;
  },
  extract: (accumulator) => accumulator.size,
});
