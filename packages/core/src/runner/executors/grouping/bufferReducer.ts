import type { CombineFn } from "../../../transforms/CombineFn";

/** How values are folded per key and window: a list (GroupByKey) or a CombineFn (Combine). */
export type Reducer = CombineFn<unknown, unknown, unknown>;

/** GroupByKey's reducer: buffers the values. */
export const BUFFER: Reducer = {
  createAccumulator: () => [],
  addInput: (acc, v) => {
    (acc as unknown[]).push(v);
    return acc;
  },
  mergeAccumulators: (accs) => ([] as unknown[]).concat(...(accs as unknown[][])),
  extractOutput: (acc) => (acc as unknown[]).slice(),
  toString: () => "buffer",
};
