import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { booleanCoder } from "./booleanCoder";
import { decodeFromBytes } from "./decodeFromBytes";
import { encodeToBytes } from "./encodeToBytes";
import { checkCoderLaws } from "./testing/coderLaws";

describe("booleanCoder", () => {
  it("round-trips booleans as one byte", () => {
    checkCoderLaws(booleanCoder, fc.boolean(), { numRuns: 50 });
    expect([...encodeToBytes(booleanCoder, true)]).toEqual([1]);
    expect([...encodeToBytes(booleanCoder, false)]).toEqual([0]);
  });

  it("rejects bytes other than 0 and 1, and non-booleans", () => {
    expect(() => decodeFromBytes(booleanCoder, new Uint8Array([2]))).toThrow(
      new RangeError("booleanCoder: invalid byte 2 at offset 0, expected 0 or 1"),
    );
    expect(() => encodeToBytes(booleanCoder, 1 as unknown as boolean)).toThrow(TypeError);
  });

  it("is deterministic and prints itself", () => {
    expect(booleanCoder.deterministic).toBe(true);
    expect(String(booleanCoder)).toBe("booleanCoder");
  });
});
