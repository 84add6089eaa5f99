import { expect } from "vitest";
import type { CombineFn } from "../CombineFn";

/**
 * Test support for CombineFns (imported by tests only): folds inputs the way a runner may —
 * straight into one accumulator, or split into partial accumulators merged by a random tree —
 * and checks the ownership rules of the CombineFn contract.
 * @internal
 */

/** Picks an integer in `[0, bound)`; tests pass one backed by fast-check's `fc.gen()`. */
export type Pick = (bound: number) => number;

/** Adds every input to one accumulator, in order. @internal */
export function accumulate<I, A, O>(fn: CombineFn<I, A, O>, inputs: readonly I[]): A {
  let accumulator = fn.createAccumulator();
  for (const input of inputs) accumulator = fn.addInput(accumulator, input);
  return accumulator;
}

/** The output of one accumulator over all inputs, in order. @internal */
export function combineAll<I, A, O>(fn: CombineFn<I, A, O>, inputs: readonly I[]): O {
  return fn.extractOutput(accumulate(fn, inputs));
}

/**
 * The output of a random lifted combine: shuffles the inputs, deals them into 1..8 partial
 * accumulators (some may stay empty), extracts and compacts on the way, then repeatedly merges a
 * random group of accumulators, in random order, until one is left.
 * @internal
 */
export function combineByRandomMergeTree<I, A, O>(
  fn: CombineFn<I, A, O>,
  inputs: readonly I[],
  pick: Pick,
): O {
  const shuffled = inputs.slice();
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j] as I, shuffled[i] as I];
  }
  let accumulators = Array.from({ length: 1 + pick(8) }, () => fn.createAccumulator());
  for (const input of shuffled) {
    const k = pick(accumulators.length);
    let accumulator = fn.addInput(accumulators[k] as A, input);
    if (pick(8) === 0) fn.extractOutput(accumulator); // a pane fired: must change nothing
    if (fn.compact !== undefined && pick(8) === 0) accumulator = fn.compact(accumulator);
    accumulators[k] = accumulator;
  }
  while (accumulators.length > 1) {
    if (pick(10) === 0) accumulators.push(fn.mergeAccumulators([])); // a fresh accumulator
    const group: A[] = [];
    const size = 1 + pick(accumulators.length);
    for (let g = 0; g < size; g++) group.push(accumulators.splice(pick(accumulators.length), 1)[0] as A);
    const merged = fn.mergeAccumulators(group);
    accumulators.splice(pick(accumulators.length + 1), 0, merged);
    accumulators = accumulators.map((a) => (fn.compact !== undefined && pick(8) === 0 ? fn.compact(a) : a));
  }
  return fn.extractOutput(accumulators[0] as A);
}

/**
 * Checks the ownership rules on inputs `xs`, `ys`, `zs`: merging leaves `accs[1..]` unchanged and
 * unshared, extractOutput leaves the accumulator unchanged, and an extracted output does not change
 * when more inputs are added to its accumulator afterwards.
 * @internal
 */
export function expectOwnershipRules<I, A, O>(
  fn: CombineFn<I, A, O>,
  xs: readonly I[],
  ys: readonly I[],
  zs: readonly I[],
): void {
  const second = accumulate(fn, ys);
  const third = accumulate(fn, zs);
  const secondBefore = structuredClone(second);
  const thirdBefore = structuredClone(third);
  let merged = fn.mergeAccumulators([accumulate(fn, xs), second, third]);
  expect(second).toEqual(secondBefore);
  expect(third).toEqual(thirdBefore);

  const mergedBefore = structuredClone(merged);
  const output = fn.extractOutput(merged);
  expect(merged).toEqual(mergedBefore);
  const outputBefore = structuredClone(output);

  for (const input of [...zs, ...xs, ...ys]) merged = fn.addInput(merged, input);
  merged = fn.mergeAccumulators([merged, accumulate(fn, xs)]);
  expect(output).toEqual(outputBefore);
  expect(second).toEqual(secondBefore);
  expect(third).toEqual(thirdBefore);
  expect(fn.extractOutput(merged)).toEqual(combineAll(fn, [...xs, ...ys, ...zs, ...zs, ...xs, ...ys, ...xs]));
}
