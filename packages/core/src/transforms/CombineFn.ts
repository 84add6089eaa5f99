import type { Coder } from "../coders/Coder";

/**
 * A CombineFn is Beam's recipe for an associative, commutative aggregation: it folds inputs of
 * type `I` into accumulators of type `A`, merges accumulators, and extracts an output of type `O`.
 *
 * The runner applies it incrementally and lifts it before the shuffle: it creates many partial
 * accumulators (per bundle, per worker, per pane), then merges them in any order and any grouping.
 * The output must therefore not depend on how the inputs were split into accumulators nor on the
 * order of merging — `mergeAccumulators` must be associative and commutative.
 *
 * Ownership rules (they let accumulators be updated in place, without a copy per element):
 * - `addInput(acc, input)` MAY mutate `acc` and return it; the caller uses only the returned value.
 * - `mergeAccumulators(accs)` MAY mutate `accs[0]` and return it; it must not mutate `accs[1..]`, and
 *   the result must not share mutable state with `accs[1..]` (the caller may keep adding to it).
 *   It may be given an empty array, in which case it returns a fresh accumulator.
 * - `extractOutput(acc)` must not mutate `acc`, and its output must not share mutable state with
 *   `acc`: in accumulating mode the runner keeps adding to an accumulator after a pane has fired.
 * - `compact(acc)` returns an equivalent, possibly smaller accumulator (e.g. before it is encoded).
 *
 * @example
 * ```ts
 * const sumOfLengths: CombineFn<string, number, number> = combineFn({
 *   name: "sumOfLengths",
 *   create: () => 0,
 *   add: (acc, s) => acc + s.length,
 *   merge: (accs) => accs.reduce((a, b) => a + b, 0),
 *   extract: (acc) => acc,
 * });
 * ```
 * @public
 */
export interface CombineFn<I, A, O> {
  /** Returns a new, empty accumulator. */
  createAccumulator(): A;
  /** Adds one input to `accumulator`; may mutate and return it. */
  addInput(accumulator: A, input: I): A;
  /** Merges accumulators into one; may mutate and return `accumulators[0]`, never the others. */
  mergeAccumulators(accumulators: readonly A[]): A;
  /** Returns the output for `accumulator` without mutating it. */
  extractOutput(accumulator: A): O;
  /** Returns an equivalent accumulator that is cheaper to keep or encode; may return `accumulator`. */
  compact?(accumulator: A): A;
  /** Encodes accumulators, for checkpoints and for crossing worker threads. */
  readonly accumulatorCoder?: Coder<A>;
  /** Prints the CombineFn as the code that makes it, e.g. `combiners.top(3)`. */
  toString(): string;
}

/**
 * The functions from which {@link combineFn} makes a {@link CombineFn}, under the same contract.
 *
 * `merge` is only called with a non-empty array (the CombineFn answers an empty one with `create()`).
 * @public
 */
export interface CombineFnSpec<I, A, O> {
  /** What `toString()` returns: the code that makes the CombineFn. */
  readonly name: string;
  readonly create: () => A;
  readonly add: (accumulator: A, input: I) => A;
  readonly merge: (accumulators: readonly A[]) => A;
  readonly extract: (accumulator: A) => O;
  readonly compact?: (accumulator: A) => A;
  readonly accumulatorCoder?: Coder<A>;
}

/**
 * Makes a {@link CombineFn} from its functions; `toString()` returns `name`.
 *
 * @throws TypeError when `name` is empty.
 * @example
 * ```ts
 * const longest = combineFn<string, { best: string }, string>({
 *   name: "longest",
 *   create: () => ({ best: "" }),
 *   add: (acc, s) => {
 *     if (s.length > acc.best.length) acc.best = s; // mutates and returns the accumulator
 *     return acc;
 *   },
 *   merge: ([first, ...rest]) => {
 *     for (const other of rest) if (other.best.length > first!.best.length) first!.best = other.best;
 *     return first!;
 *   },
 *   extract: (acc) => acc.best,
 * });
 * ```
 * @public
 */
export function combineFn<I, A, O>(spec: CombineFnSpec<I, A, O>): CombineFn<I, A, O> {
  const { name, create, add, merge, extract } = spec;
  if (typeof name !== "string" || name === "") throw new TypeError("combineFn needs a non-empty name");
  const fn: CombineFn<I, A, O> = {
    createAccumulator: create,
    addInput: add,
    mergeAccumulators: (accumulators) => (accumulators.length === 0 ? create() : merge(accumulators)),
    extractOutput: extract,
    ...(spec.compact !== undefined && { compact: spec.compact }),
    ...(spec.accumulatorCoder !== undefined && { accumulatorCoder: spec.accumulatorCoder }),
    toString: () => name,
  };
  return Object.freeze(fn);
}

/**
 * The accumulator of a {@link fromBinaryFn} CombineFn that has no identity: the reduction of the
 * inputs so far, and whether there were any.
 * @public
 */
export interface PartialReduction<T> {
  seen: boolean;
  value: T | undefined;
}

/**
 * Makes a {@link CombineFn} from an associative, commutative binary function, like Beam's
 * `BinaryCombineFn` / `Combine.globally(SerializableFunction)`.
 *
 * `combine` must not mutate its arguments. With an `identity` (a value with
 * `combine(identity, x) === x`), the accumulator is the value itself and empty input gives
 * `identity`; without one, empty input gives `undefined`.
 *
 * @throws TypeError when `name` is empty.
 * @example
 * ```ts
 * const product = fromBinaryFn("product", (a: number, b: number) => a * b, 1);
 * const longest = fromBinaryFn("longest", (a: string, b: string) => (b.length > a.length ? b : a));
 * ```
 * @public
 */
export function fromBinaryFn<T>(
  name: string,
  combine: (a: T, b: T) => T,
): CombineFn<T, PartialReduction<T>, T | undefined>;
export function fromBinaryFn<T>(name: string, combine: (a: T, b: T) => T, identity: T): CombineFn<T, T, T>;
export function fromBinaryFn<T>(
  name: string,
  combine: (a: T, b: T) => T,
  ...identity: [] | [T]
): CombineFn<T, T, T> | CombineFn<T, PartialReduction<T>, T | undefined> {
  if (identity.length === 1) {
    const id = identity[0];
    return combineFn<T, T, T>({
      name,
      create: () => id,
      add: combine,
      merge: (accumulators) => accumulators.reduce(combine),
      extract: (accumulator) => accumulator,
    });
  }
  const add = (accumulator: PartialReduction<T>, input: T): PartialReduction<T> => {
    accumulator.value = accumulator.seen ? combine(accumulator.value as T, input) : input;
    accumulator.seen = true;
    return accumulator;
  };
  return combineFn<T, PartialReduction<T>, T | undefined>({
    name,
    create: () => ({ seen: false, value: undefined }),
    add,
    merge: ([first, ...rest]) => {
      // `first` is defined: combineFn only calls merge with a non-empty array.
      let merged = first as PartialReduction<T>;
      for (const other of rest) if (other.seen) merged = add(merged, other.value as T);
      return merged;
    },
    extract: (accumulator) => accumulator.value,
  });
}
