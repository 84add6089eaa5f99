import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeToBytes } from "./encodeToBytes";
import { NonDeterministicValueError } from "./NonDeterministicValueError";
import { structuralCoder } from "./structuralCoder";
import { structuralKey } from "./structuralKey";
import { nonPlainValues } from "./testing/nonPlainValues";
import {
  anyString,
  plainData,
  plainDataEquals,
  plainLeaf,
  scrambledCopy,
  smallLeaf,
} from "./testing/plainData";

const bytesKey = (value: unknown): string => encodeToBytes(structuralCoder, value).join();

/** Asserts that the three equalities agree on a and b: structural keys, structural bytes, deep equality. */
const expectAgreement = (a: unknown, b: unknown): void => {
  const equal = plainDataEquals(a, b);
  expect(structuralKey(a) === structuralKey(b)).toBe(equal);
  expect(bytesKey(a) === bytesKey(b)).toBe(equal);
};

/** Like expectAgreement for every pair of `values` (n² pairs, so rare collisions show up). */
const expectAgreementAmong = (values: readonly unknown[]): void => {
  const keys = values.map(structuralKey);
  const bytes = values.map(bytesKey);
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const equal = plainDataEquals(values[i], values[j]);
      if ((keys[i] === keys[j]) !== equal || (bytes[i] === bytes[j]) !== equal) {
        expect({ a: values[i], b: values[j], equal, keyA: keys[i], keyB: keys[j] }).toBe("an agreement");
      }
    }
  }
};

describe("structuralKey", () => {
  it("runs its TSDoc examples", () => {
    expect(structuralKey("user-1")).toBe("suser-1");
    expect(structuralKey(1) === structuralKey("1")).toBe(false);
    expect(structuralKey({ a: 1, b: [2] })).toBe(structuralKey({ b: [2], a: 1 }));
  });

  it("agrees with structuralCoder and deep equality on values from a small universe", () => {
    // Small leaves, short keys and strings of the key grammar's characters: many equal pairs, and
    // strings that try to imitate the keys of other values.
    const values = plainData(smallLeaf, fc.constantFrom("a", "b", "1", "", "1:", "s1:a"));
    fc.assert(fc.property(values, values, expectAgreement), { numRuns: 2000 });
    fc.assert(fc.property(fc.array(values, { minLength: 100, maxLength: 100 }), expectAgreementAmong), {
      numRuns: 30,
    });
  });

  it("never merges containers of strings made of the key grammar's characters", () => {
    // Tiny alphabet, short strings: concatenation collisions (["a", "b"] vs ["ab"]) are likely here
    // unless every string is delimited.
    const grammarString = fc.string({
      unit: fc.constantFrom("s", "n", "1", ":", ";", "]", "}", "N"),
      maxLength: 3,
    });
    const containers = fc.oneof(
      fc.array(fc.oneof(grammarString, fc.constantFrom(1, null)), { maxLength: 3 }),
      fc.dictionary(grammarString, fc.oneof(grammarString, fc.constantFrom(1, null)), { maxKeys: 3 }),
      fc.dictionary(fc.constantFrom("", "N", "NN", "1", "1N", "1:", "s"), fc.constantFrom(null, "", "N"), {
        maxKeys: 3,
      }),
    );
    fc.assert(fc.property(fc.array(containers, { minLength: 150, maxLength: 150 }), expectAgreementAmong), {
      numRuns: 40,
    });
    expect(structuralKey(["a", "b"])).not.toBe(structuralKey(["ab"]));
    expect(structuralKey(["a", "b"])).not.toBe(structuralKey(["asb"]));
  });

  it("agrees with structuralCoder and deep equality on arbitrary values", () => {
    fc.assert(fc.property(plainData(plainLeaf), plainData(plainLeaf), expectAgreement), { numRuns: 1000 });
  });

  it("gives structurally equal values built differently the same key", () => {
    fc.assert(
      fc.property(plainData(plainLeaf), (value) => {
        expect(structuralKey(scrambledCopy(value))).toBe(structuralKey(value));
      }),
      { numRuns: 1000 },
    );
  });

  it("is a pure function of the value", () => {
    fc.assert(
      fc.property(plainData(plainLeaf), (value) => {
        expect(structuralKey(value)).toBe(structuralKey(value));
      }),
      { numRuns: 500 },
    );
  });

  it("never lets a string collide with another value", () => {
    const others = plainData(plainLeaf).filter((v) => typeof v !== "string");
    fc.assert(
      fc.property(anyString, others, (s, other) => {
        expect(structuralKey(s)).not.toBe(structuralKey(other));
        expect(structuralKey([s])).not.toBe(structuralKey([other]));
      }),
      { numRuns: 1000 },
    );
    // Strings spelling out other values' keys.
    for (const v of [1, null, true, [1], { a: "b" }, 1n, new Date(0), new Uint8Array([1])]) {
      expect(structuralKey(structuralKey(v))).not.toBe(structuralKey(v));
      expect(structuralKey(structuralKey(v).slice(1))).not.toBe(structuralKey(v));
    }
    expect(structuralKey(["a", "b"])).not.toBe(structuralKey(["a1:b"]));
    expect(structuralKey({ a: "b", c: "d" })).not.toBe(structuralKey({ a: "bc", "": "d" }));
  });

  it("normalises -0 and NaN and keeps numbers apart from look-alikes", () => {
    expect(structuralKey(-0)).toBe(structuralKey(0));
    expect(structuralKey([-0])).toBe(structuralKey([0]));
    expect(structuralKey(NaN)).toBe(structuralKey(0 / 0));
    const distinct: unknown[] = [
      1,
      "1",
      1n,
      [1],
      ["1"],
      new Date(1),
      new Uint8Array([49]),
      true,
      "T",
      null,
      "N",
    ];
    expect(new Set(distinct.map(structuralKey)).size).toBe(distinct.length);
  });

  it.each(nonPlainValues)(
    "rejects $description with the same error as structuralCoder",
    ({ value, path, messageStart }) => {
      let error: unknown;
      try {
        structuralKey(value);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(NonDeterministicValueError);
      expect((error as NonDeterministicValueError).path).toBe(path);
      expect((error as Error).message.startsWith(messageStart)).toBe(true);
      expect(() => encodeToBytes(structuralCoder, value)).toThrow((error as Error).message);
    },
  );
});
