import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Coder } from "../coders/Coder";
import type { CombineFn } from "./CombineFn";
import { combineFn, fromBinaryFn } from "./CombineFn";
import {
  combineAll,
  combineByRandomMergeTree,
  expectOwnershipRules,
} from "./combiners/combineFnLaws.testkit";

const pickFrom =
  (g: fc.GeneratorValue) =>
  (bound: number): number =>
    g(fc.integer, { min: 0, max: bound - 1 });

describe("combineFn", () => {
  const longest = combineFn<string, { best: string }, string>({
    name: "longest",
    create: () => ({ best: "" }),
    add: (acc, s) => {
      if (s.length > acc.best.length) acc.best = s;
      return acc;
    },
    merge: ([first, ...rest]) => {
      for (const other of rest) if (other.best.length > first!.best.length) first!.best = other.best;
      return first!;
    },
    extract: (acc) => acc.best,
  });

  it("runs the documented example and prints its name", () => {
    expect(combineAll(longest, ["ab", "abcd", "abc"])).toBe("abcd");
    expect(longest.toString()).toBe("longest");
    expect(String(longest)).toBe("longest");
  });

  it("answers an empty merge with a fresh accumulator, without calling merge", () => {
    let merges = 0;
    const fn = combineFn<number, number[], number>({
      name: "spy",
      create: () => [],
      add: (acc, x) => [...acc, x],
      merge: (accs) => {
        merges++;
        return accs.flat();
      },
      extract: (acc) => acc.length,
    });
    const a = fn.mergeAccumulators([]);
    const b = fn.mergeAccumulators([]);
    expect(a).toEqual([]);
    expect(a).not.toBe(b);
    expect(merges).toBe(0);
    expect(fn.mergeAccumulators([[1], [2, 3]])).toEqual([1, 2, 3]);
    expect(merges).toBe(1);
  });

  it("has compact and accumulatorCoder only when given, and is frozen", () => {
    expect("compact" in longest).toBe(false);
    expect("accumulatorCoder" in longest).toBe(false);
    expect(Object.isFrozen(longest)).toBe(true);
    const coder: Coder<number> = {
      encode: () => undefined,
      decode: () => 0,
      deterministic: true,
      toString: () => "fakeCoder",
    };
    const fn = combineFn<number, number, number>({
      name: "withExtras",
      create: () => 0,
      add: (a, x) => a + x,
      merge: (accs) => accs.reduce((a, b) => a + b),
      extract: (a) => a,
      compact: (a) => a,
      accumulatorCoder: coder,
    });
    expect(fn.compact?.(5)).toBe(5);
    expect(fn.accumulatorCoder).toBe(coder);
  });

  it("rejects an empty name", () => {
    expect(() =>
      combineFn({ name: "", create: () => 0, add: (a) => a, merge: (a) => a[0]!, extract: (a) => a }),
    ).toThrow("combineFn needs a non-empty name");
  });
});

describe("fromBinaryFn", () => {
  it("with an identity: the accumulator is the value; empty input gives the identity", () => {
    const product = fromBinaryFn("product", (a: number, b: number) => a * b, 1);
    expect(product.toString()).toBe("product");
    expect(combineAll(product, [])).toBe(1);
    expect(combineAll(product, [2, 3, 4])).toBe(24);
    expect(product.mergeAccumulators([])).toBe(1);
    expect(product.mergeAccumulators([2, 5])).toBe(10);
  });

  it("without an identity: empty input gives undefined, one input gives that input", () => {
    const longest = fromBinaryFn("longest", (a: string, b: string) => (b.length > a.length ? b : a));
    expect(combineAll(longest, [])).toBeUndefined();
    expect(combineAll(longest, ["x"])).toBe("x");
    expect(combineAll(longest, ["ab", "abcd", "abc"])).toBe("abcd");
    expect(longest.mergeAccumulators([longest.createAccumulator(), longest.createAccumulator()])).toEqual({
      seen: false,
      value: undefined,
    });
  });

  it("without an identity: an undefined input counts as an input", () => {
    const firstDefined = fromBinaryFn(
      "firstDefined",
      (a: number | undefined, b: number | undefined) => a ?? b,
    );
    const acc = firstDefined.addInput(firstDefined.createAccumulator(), undefined);
    expect(acc.seen).toBe(true);
    expect(firstDefined.extractOutput(firstDefined.addInput(acc, 7))).toBe(7);
  });

  it("an explicit undefined identity is an identity", () => {
    const fn = fromBinaryFn(
      "maxOrUndefined",
      (a: number | undefined, b: number | undefined) =>
        a === undefined ? b : b === undefined ? a : Math.max(a, b),
      undefined,
    );
    expect(fn.createAccumulator()).toBeUndefined();
    expect(combineAll(fn, [1, 3, 2])).toBe(3);
  });

  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

  it("any merge tree gives the output of one accumulator, with and without identity", () => {
    const withIdentity = fromBinaryFn("gcd", gcd, 0);
    const withoutIdentity = fromBinaryFn("gcd", gcd);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 40 }), fc.gen(), (xs, g) => {
        let reference = 0;
        for (const x of xs) reference = gcd(reference, x);
        expect(combineByRandomMergeTree(withIdentity, xs, pickFrom(g))).toBe(reference);
        expect(combineAll(withIdentity, xs)).toBe(reference);
        expect(combineByRandomMergeTree(withoutIdentity, xs, pickFrom(g))).toBe(
          xs.length === 0 ? undefined : reference,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("follows the ownership rules", () => {
    const max: CombineFn<number, unknown, unknown> = fromBinaryFn("max", Math.max);
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.array(fc.integer()), fc.array(fc.integer()), (xs, ys, zs) =>
        expectOwnershipRules(max, xs, ys, zs),
      ),
      { numRuns: 1000 },
    );
  });
});
