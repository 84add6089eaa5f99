import type { CombineFn } from "../CombineFn";
import { fromBinaryFn } from "../CombineFn";

/**
 * A CombineFn that sums bigints exactly, like Beam's `Sum.ofLongs()` without overflow.
 * The sum of no inputs is `0n`.
 * @example
 * ```ts
 * const fn = combiners.sumBigInts();
 * fn.extractOutput([2n ** 64n, 1n].reduce((a, x) => fn.addInput(a, x), fn.createAccumulator())); // 18446744073709551617n
 * fn.toString(); // "combiners.sumBigInts()"
 * ```
 * @public
 */
export function sumBigInts(): CombineFn<bigint, bigint, bigint> {
  return sumBigIntsFn;
}

const sumBigIntsFn = fromBinaryFn("combiners.sumBigInts()", (a: bigint, b: bigint) => a + b, 0n);
