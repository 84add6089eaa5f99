import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { naturalOrder } from "./naturalOrder";

describe("naturalOrder", () => {
  it("runs the documented example", () => {
    expect([3, NaN, -0, 0, -1].sort(naturalOrder)).toEqual([-1, -0, 0, 3, NaN]);
    expect(Object.is([0, -0].sort(naturalOrder)[0], -0)).toBe(true);
  });

  it("orders numbers as typed-array sort does (-0 before 0, NaN last)", () => {
    fc.assert(
      fc.property(fc.array(fc.double()), (xs) => {
        const expected = Array.from(Float64Array.from(xs).sort());
        const actual = [...xs].sort(naturalOrder);
        expect(actual.map((x) => (Object.is(x, -0) ? "-0" : x))).toEqual(
          expected.map((x) => (Object.is(x, -0) ? "-0" : x)),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("is antisymmetric and ties only equal values, for numbers, bigints and strings", () => {
    const value = fc.oneof(fc.double(), fc.bigInt());
    fc.assert(
      fc.property(fc.oneof(fc.tuple(value, value), fc.tuple(fc.string(), fc.string())), ([a, b]) => {
        expect(Math.sign(naturalOrder(a, b))).toBe(-Math.sign(naturalOrder(b, a)) || 0);
        if (typeof a === typeof b && naturalOrder(a, b) === 0) expect(Object.is(a, b) || a === b).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("orders strings by code units and bigints numerically", () => {
    expect(naturalOrder("B", "a")).toBe(-1);
    expect(naturalOrder(2n ** 80n, 3n)).toBe(1);
    expect(naturalOrder(1n, 1)).toBe(0);
  });
});
