import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CombineFn } from "../CombineFn";
import { combineAll, combineByRandomMergeTree, expectOwnershipRules } from "./combineFnLaws.testkit";
import { combiners } from "./index";

/**
 * Property laws for every standard combiner: (1) any split into partial accumulators merged by any
 * tree gives the output of one accumulator over all inputs; (2) that output equals a naive
 * reference computed here; (3) the ownership rules of the CombineFn contract hold.
 */

const runs = { numRuns: 1000 };

/** Finite doubles small enough that 200 of them cannot overflow (sums that overflow are order-dependent, see sum.test.ts). */
const finiteDouble = fc.double({ min: -1e300, max: 1e300, noNaN: true });
/** Doubles including NaN, ±Infinity and -0, without overflowing sums. */
const anyDouble = fc.oneof(finiteDouble, fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MIN_VALUE));
/** Multiples of 2^-20 below 2^40 in magnitude: sums that naive float addition gets wrong, computed exactly as bigints. */
const gridDouble = fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }).map((b) => Number(b) / 2 ** 20);
/** Small integers, so that inputs repeat and tie. */
const tieProneInt = fc.integer({ min: -5, max: 5 });

/**
 * Checks laws (1) and (2) and the ownership rules for `fn` over inputs from `input`; `reference`
 * returns the expected output already normalized by `normalize`.
 */
function checkLaws<I, A, O>(
  fn: CombineFn<I, A, O>,
  input: fc.Arbitrary<I>,
  reference: (inputs: readonly I[]) => unknown,
  normalize: (output: O) => unknown = (output) => output,
): void {
  fc.assert(
    fc.property(fc.array(input, { maxLength: 60 }), fc.gen(), (inputs, g) => {
      const pick = (bound: number): number => g(fc.integer, { min: 0, max: bound - 1 });
      const whole = combineAll(fn, inputs);
      expect(normalize(combineByRandomMergeTree(fn, inputs, pick))).toEqual(normalize(whole));
      expect(normalize(whole)).toEqual(reference(inputs));
    }),
    runs,
  );
  fc.assert(
    fc.property(
      fc.array(input, { maxLength: 8 }),
      fc.array(input, { maxLength: 8 }),
      fc.array(input),
      (xs, ys, zs) => expectOwnershipRules(fn, xs, ys, zs),
    ),
    runs,
  );
}

/** `toEqual` treats 0 and -0 as equal for numbers nested in arrays; compare numbers with Object.is. */
const exactly = (x: unknown): unknown => (typeof x === "number" && Object.is(x, -0) ? "-0" : x);

// ---- references -------------------------------------------------------------------------------

/** Exact sum of finite doubles as bigint multiples of 2^-1074, rounded once to the nearest double. */
function exactSumReference(xs: readonly number[]): number {
  if (xs.length > 0 && xs.every((x) => Object.is(x, -0))) return -0;
  let total = 0n;
  for (const x of xs) total += exactScaled(x);
  return scaledToDouble(total);
}

/** x * 2^1074 as a bigint (exact for every finite double). */
function exactScaled(x: number): bigint {
  if (x === 0) return 0n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const magnitude = mantissa << BigInt(Math.max(exponent - 1, 0));
  return x < 0 ? -magnitude : magnitude;
}

/** The double nearest to s * 2^-1074 (ties to even). */
function scaledToDouble(s: bigint): number {
  if (s === 0n) return 0;
  let magnitude = s < 0n ? -s : s;
  const bitLength = magnitude.toString(2).length;
  let shift = 0;
  if (bitLength > 60) {
    // Keep 60 bits and a sticky bit: enough for Number() to round as the full value would.
    shift = bitLength - 60;
    const dropped = magnitude & ((1n << BigInt(shift)) - 1n);
    magnitude = (magnitude >> BigInt(shift)) | (dropped !== 0n ? 1n : 0n);
  }
  const value = Number(magnitude) * 2 ** (shift - 1074); // exact: the result is representable
  return s < 0n ? -value : value;
}

/** IEEE sum of the non-finite inputs if any, else the exact sum of the finite ones. */
function sumReference(xs: readonly number[]): number {
  if (xs.some(Number.isNaN) || (xs.includes(Infinity) && xs.includes(-Infinity))) return NaN;
  if (xs.includes(Infinity)) return Infinity;
  if (xs.includes(-Infinity)) return -Infinity;
  return exactSumReference(xs);
}

/** Numbers in ascending order with -0 before 0 and NaN last: the order of typed-array sort. */
const sortedNumbers = (xs: readonly number[]): number[] => Array.from(Float64Array.from(xs).sort());
/** Plain-data equality: key order and (plain) prototypes ignored, 0 equals -0, NaN equals NaN. */
function structurallyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every(
    (k) =>
      Object.hasOwn(b, k) &&
      structurallyEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
const sortedStrings = (xs: readonly string[]): string[] => [...xs].sort();

// ---- laws -------------------------------------------------------------------------------------

describe("combiner laws: any merge tree gives the single-accumulator output, which equals a naive reference", () => {
  it("count", () => {
    checkLaws(combiners.count(), fc.anything(), (xs) => xs.length);
  });

  it("sum of integers", () => {
    checkLaws(combiners.sum(), fc.integer({ min: -1e9, max: 1e9 }), (xs) => {
      let total = 0;
      for (const x of xs) total += x;
      return total;
    });
  });

  it("sum of grid doubles is exact (bigint reference)", () => {
    checkLaws(combiners.sum(), gridDouble, (xs) => {
      let total = 0n;
      for (const x of xs) total += BigInt(x * 2 ** 20);
      return Number(total) / 2 ** 20;
    });
  });

  it("sum of finite doubles is the correctly rounded exact sum", () => {
    checkLaws(combiners.sum(), finiteDouble, (xs) => exactly(exactSumReference(xs)), exactly);
  });

  it("sum of any doubles, with NaN and infinities, follows IEEE for the non-finite inputs", () => {
    checkLaws(combiners.sum(), anyDouble, (xs) => exactly(sumReference(xs)), exactly);
  });

  it("sumBigInts", () => {
    checkLaws(combiners.sumBigInts(), fc.bigInt(), (xs) => {
      let total = 0n;
      for (const x of xs) total += x;
      return total;
    });
  });

  it("mean of finite doubles is the exact sum divided by the count", () => {
    checkLaws(
      combiners.mean(),
      fc.oneof(finiteDouble, gridDouble),
      (xs) => exactSumReference(xs) / xs.length,
    );
  });

  it("mean of any doubles", () => {
    checkLaws(combiners.mean(), anyDouble, (xs) => exactly(sumReference(xs) / xs.length), exactly);
  });

  it("min and max of doubles: -0 < 0, NaN above every number", () => {
    checkLaws(combiners.min<number>(), anyDouble, (xs) => exactly(sortedNumbers(xs)[0]), exactly);
    checkLaws(combiners.max<number>(), anyDouble, (xs) => exactly(sortedNumbers(xs).at(-1)), exactly);
  });

  it("min and max against Math.min / Math.max", () => {
    const noNaN = fc.double({ noNaN: true });
    checkLaws(
      combiners.min<number>(),
      noNaN,
      (xs) => exactly(xs.length === 0 ? undefined : Math.min(...xs)),
      exactly,
    );
    checkLaws(
      combiners.max<number>(),
      noNaN,
      (xs) => exactly(xs.length === 0 ? undefined : Math.max(...xs)),
      exactly,
    );
  });

  it("min and max of strings and bigints", () => {
    checkLaws(combiners.min<string>(), fc.string(), (xs) => sortedStrings(xs)[0]);
    checkLaws(combiners.max<string>(), fc.string(), (xs) => sortedStrings(xs).at(-1));
    checkLaws(
      combiners.min<bigint>(),
      fc.bigInt(),
      (xs) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[0],
    );
    checkLaws(combiners.max<bigint>(), fc.bigInt(), (xs) =>
      xs.length === 0 ? undefined : xs.reduce((a, b) => (b > a ? b : a)),
    );
  });

  it("min and max with a comparator: an input whose key is the extreme key", () => {
    const byKey = (a: { key: number }, b: { key: number }): number => a.key - b.key;
    const keyed = fc.record({ key: tieProneInt, id: fc.nat() });
    checkLaws(
      combiners.min(byKey),
      keyed,
      (xs) => (xs.length === 0 ? undefined : Math.min(...xs.map((x) => x.key))),
      (output) => (output === undefined ? undefined : output.key),
    );
    checkLaws(
      combiners.max(byKey),
      keyed,
      (xs) => (xs.length === 0 ? undefined : Math.max(...xs.map((x) => x.key))),
      (output) => (output === undefined ? undefined : output.key),
    );
  });

  for (const n of [0, 1, 3, 10]) {
    it(`top(${n}) and bottom(${n}) of doubles equal sort + slice`, () => {
      checkLaws(
        combiners.top<number>(n),
        anyDouble,
        (xs) => sortedNumbers(xs).reverse().slice(0, n).map(exactly),
        (o) => o.map(exactly),
      );
      checkLaws(
        combiners.bottom<number>(n),
        anyDouble,
        (xs) => sortedNumbers(xs).slice(0, n).map(exactly),
        (o) => o.map(exactly),
      );
      checkLaws(combiners.top<number>(n), tieProneInt, (xs) => sortedNumbers(xs).reverse().slice(0, n));
    });
  }

  it("top(n) of strings and with random n", () => {
    fc.assert(
      fc.property(fc.nat(20), (n) => {
        checkLaws(combiners.top<string>(n), fc.string({ maxLength: 3 }), (xs) =>
          sortedStrings(xs).reverse().slice(0, n),
        );
      }),
      { numRuns: 5 },
    );
  });

  it("top(n, compare) with ties keeps inputs whose keys are the n largest keys", () => {
    interface Item {
      key: number;
      id: number;
    }
    const byKey = (a: Item, b: Item): number => a.key - b.key;
    const items = fc.array(fc.record({ key: tieProneInt, id: fc.nat() }), { maxLength: 60 });
    fc.assert(
      fc.property(items, fc.integer({ min: 0, max: 12 }), fc.gen(), (inputs, n, g) => {
        const fn = combiners.top(n, byKey);
        const output = combineByRandomMergeTree(fn, inputs, (bound) =>
          g(fc.integer, { min: 0, max: bound - 1 }),
        );
        const expectedKeys = inputs
          .map((x) => x.key)
          .sort((a, b) => b - a)
          .slice(0, n);
        expect(output.map((x) => x.key)).toEqual(expectedKeys);
        // Each output is an input, used once.
        const remaining = [...inputs];
        for (const x of output) {
          const i = remaining.indexOf(x);
          expect(i).toBeGreaterThanOrEqual(0);
          remaining.splice(i, 1);
        }
      }),
      runs,
    );
  });

  it("toList holds every input once, in some order", () => {
    const tagged = fc
      .array(fc.anything(), { maxLength: 60 })
      .map((xs) => xs.map((value, i) => ({ i, value })));
    fc.assert(
      fc.property(tagged, fc.gen(), (inputs, g) => {
        const fn = combiners.toList<{ i: number; value: unknown }>();
        const output = combineByRandomMergeTree(fn, inputs, (bound) =>
          g(fc.integer, { min: 0, max: bound - 1 }),
        );
        expect(output.length).toBe(inputs.length);
        const byIndex = [...output].sort((a, b) => a.i - b.i);
        byIndex.forEach((x, i) => expect(x).toBe(inputs[i]));
        expect(combineAll(fn, inputs)).toEqual(inputs);
      }),
      runs,
    );
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.array(fc.integer()), fc.array(fc.integer()), (xs, ys, zs) =>
        expectOwnershipRules(combiners.toList<number>(), xs, ys, zs),
      ),
      runs,
    );
  });

  it("distinctCount counts structurally distinct values once: key order, prototype, -0 and NaN do not matter", () => {
    const leaf = fc.oneof(
      fc.integer({ min: 0, max: 3 }),
      fc.constantFrom("a", "b", -0, NaN, undefined, null, true, 1n),
    );
    const value = fc.oneof(
      leaf,
      fc.array(leaf, { maxLength: 2 }),
      // the same object built with keys in either order, with either plain prototype
      fc.tuple(leaf, leaf, fc.boolean(), fc.boolean()).map(([x, y, flip, bare]) => {
        const object = flip ? { x, y } : { y, x };
        return bare ? Object.assign(Object.create(null) as object, object) : object;
      }),
      fc.array(leaf, { maxLength: 2 }).map((nested) => ({ nested })),
    );
    checkLaws(combiners.distinctCount(), value, (xs) => {
      const distinct: unknown[] = [];
      for (const x of xs) if (!distinct.some((d) => structurallyEqual(d, x))) distinct.push(x);
      return distinct.length;
    });
  });
});
