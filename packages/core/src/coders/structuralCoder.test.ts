import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeFromBytes } from "./decodeFromBytes";
import { encodeToBytes } from "./encodeToBytes";
import { NonDeterministicValueError } from "./NonDeterministicValueError";
import { structuralCoder } from "./structuralCoder";
import { checkCoderLaws } from "./testing/coderLaws";
import { nonPlainValues } from "./testing/nonPlainValues";
import { plainData, plainDataEquals, plainLeaf, scrambledCopy, smallLeaf } from "./testing/plainData";

const encode = (value: unknown): Uint8Array => encodeToBytes(structuralCoder, value);
const decode = (bytes: Uint8Array): unknown => decodeFromBytes(structuralCoder, bytes);
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

describe("structuralCoder", () => {
  it("round-trips every plain data value", () => {
    checkCoderLaws(structuralCoder, plainData(plainLeaf), { equals: plainDataEquals });
  });

  it("decodes to the canonical form, which encodes to the same bytes", () => {
    fc.assert(
      fc.property(plainData(plainLeaf), (value) => {
        const bytes = encode(value);
        expect(encode(decode(bytes))).toEqual(bytes);
      }),
      { numRuns: 1000 },
    );
  });

  it("encodes equal values built differently to the same bytes (key order, -0, NaN, Buffer)", () => {
    fc.assert(
      fc.property(plainData(plainLeaf), (value) => {
        expect(encode(scrambledCopy(value))).toEqual(encode(value));
      }),
      { numRuns: 1000 },
    );
    expect(encode({ a: 1, b: 2 })).toEqual(encode({ b: 2, a: 1 }));
  });

  it("gives equal bytes exactly to deep-equal values", () => {
    const values = plainData(smallLeaf, fc.constantFrom("a", "b", "1", ""));
    fc.assert(
      fc.property(values, values, (a, b) => {
        expect(sameBytes(encode(a), encode(b))).toBe(plainDataEquals(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it("distinguishes values of different types that print alike", () => {
    const distinct: unknown[] = [
      1,
      "1",
      1n,
      [1],
      { 1: 1 },
      new Date(1),
      new Uint8Array([1]),
      true,
      null,
      undefined,
    ];
    const encodings = new Set(distinct.map((v) => encode(v).join()));
    expect(encodings.size).toBe(distinct.length);
    expect(encode({ a: undefined })).not.toEqual(encode({}));
    expect(encode([undefined])).not.toEqual(encode([]));
  });

  it("decodes to plain arrays, plain objects and Uint8Arrays", () => {
    const holey: unknown[] = [-0];
    holey[2] = 2; // index 1 is a hole
    const decoded = decode(encode({ list: holey, bytes: Buffer.from([7]), when: new Date(5) }));
    expect(decoded).toStrictEqual({ bytes: new Uint8Array([7]), list: [0, undefined, 2], when: new Date(5) });
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded as object)).toEqual(["bytes", "list", "when"]);
    expect(Object.is((decoded as { list: number[] }).list[0], 0)).toBe(true);
  });

  it("keeps a __proto__ key as an own property, never as the prototype", () => {
    const value: unknown = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const decoded = decode(encode(value)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded)).toEqual(["__proto__", "a"]);
    expect(decoded["polluted"]).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(decoded, "__proto__")?.value).toEqual({ polluted: true });
  });

  it("accepts shared (non-cyclic) references", () => {
    const shared = { x: 1 };
    expect(decode(encode({ a: shared, b: [shared, shared] }))).toEqual({
      a: { x: 1 },
      b: [{ x: 1 }, { x: 1 }],
    });
  });

  it.each(nonPlainValues)("rejects $description, naming its path", ({ value, path, messageStart, fix }) => {
    let error: unknown;
    try {
      encode(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NonDeterministicValueError);
    const e = error as NonDeterministicValueError;
    expect(e.path).toBe(path);
    expect(e.message.startsWith(messageStart)).toBe(true);
    if (fix !== undefined) expect(e.message).toMatch(fix);
    expect(e.name).toBe("NonDeterministicValueError");
  });

  it("rejects corrupt input with a RangeError", () => {
    expect(() => decode(new Uint8Array([99]))).toThrow(
      new RangeError("structuralCoder: unknown tag 99 at offset 0"),
    );
    expect(() => decode(new Uint8Array([10, 7, 0]))).toThrow(/bad Date at offset 0/);
  });

  it("is deterministic and prints itself", () => {
    expect(structuralCoder.deterministic).toBe(true);
    expect(String(structuralCoder)).toBe("structuralCoder");
  });
});
