import { bottom } from "./bottom";
import { count } from "./count";
import { distinctCount } from "./distinctCount";
import { max } from "./max";
import { mean } from "./mean";
import { min } from "./min";
import { sum } from "./sum";
import { sumBigInts } from "./sumBigInts";
import { toList } from "./toList";
import { top } from "./top";

/**
 * The standard combiners: factories of `CombineFn`s for `Combine.globally` / `Combine.perKey`,
 * used as `combiners.sum()`, `combiners.top(3)`; each prints itself as that code.
 * @example
 * ```ts
 * const fn = combiners.top(3);
 * fn.toString(); // "combiners.top(3)"
 * ```
 * @public
 */
export const combiners = Object.freeze({
  count,
  sum,
  sumBigInts,
  mean,
  min,
  max,
  top,
  bottom,
  toList,
  distinctCount,
});

export type { ExactSum } from "./exactSum";
export type { MeanAccumulator } from "./mean";
export type { NaturallyOrdered } from "./naturalOrder";
export { naturalOrder } from "./naturalOrder";
