import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeFromBytes } from "./decodeFromBytes";
import { doubleCoder } from "./doubleCoder";
import { encodeToBytes } from "./encodeToBytes";
import { nullableCoder } from "./nullableCoder";
import { stringCoder } from "./stringCoder";
import { checkCoderLaws } from "./testing/coderLaws";
import { anyString } from "./testing/plainData";

describe("nullableCoder", () => {
  it("round-trips null and values", () => {
    checkCoderLaws(nullableCoder(stringCoder), fc.option(anyString, { nil: null }));
  });

  it("writes a 0 marker for null and 1 before a value", () => {
    const coder = nullableCoder(stringCoder);
    expect([...encodeToBytes(coder, null)]).toEqual([0]);
    expect([...encodeToBytes(coder, "a")]).toEqual([1, 1, 0x61]);
    expect(() => decodeFromBytes(coder, new Uint8Array([7]))).toThrow(
      new RangeError("nullableCoder: invalid marker byte 7 at offset 0, expected 0 or 1"),
    );
  });

  it("inherits determinism and prints itself as code", () => {
    expect(nullableCoder(stringCoder).deterministic).toBe(true);
    expect(nullableCoder(doubleCoder).deterministic).toBe(false);
    expect(String(nullableCoder(stringCoder))).toBe("nullableCoder(stringCoder)");
  });
});
