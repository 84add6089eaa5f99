import type { PCollection } from "../model/PCollection";
import { PTransform } from "../model/PTransform";
import { kv } from "../values/KV";
import { combinePerKey } from "./Combine";
import { combineFn } from "./CombineFn";
import { keys, map } from "./ElementWise";

const nothing = combineFn<unknown, null, null>({
  name: "nothing",
  create: () => null,
  add: () => null,
  merge: () => null,
  extract: () => null,
});

/**
 * The distinct elements of each window (compared structurally): one output per distinct element
 * and pane.
 * @example
 * ```ts
 * const users = clicks.map((c) => c.userId).apply(distinct());
 * ```
 * @public
 */
export function distinct<T>(): PTransform<PCollection<T>, PCollection<T>> {
  return new (class extends PTransform<PCollection<T>, PCollection<T>> {
    expand(input: PCollection<T>): PCollection<T> {
      return input
        .apply(
          "KeyByElement",
          map((e: T) => kv(e, null)),
        )
        .apply("Combine", combinePerKey(nothing))
        .apply("Keys", keys<T>());
    }
    override toString(): string {
      return "distinct()";
    }
  })("Distinct");
}
