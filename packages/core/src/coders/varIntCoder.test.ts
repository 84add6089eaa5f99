import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeToBytes } from "./encodeToBytes";
import { checkCoderLaws } from "./testing/coderLaws";
import { varIntCoder } from "./varIntCoder";

describe("varIntCoder", () => {
  it("round-trips every safe integer", () => {
    checkCoderLaws(varIntCoder, fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -1000, max: 1000 })));
  });

  it("runs its TSDoc examples and keeps small magnitudes short", () => {
    expect([...encodeToBytes(varIntCoder, -1)]).toEqual([0x01]);
    expect([...encodeToBytes(varIntCoder, 300)]).toEqual([0xd8, 0x04]);
    expect(encodeToBytes(varIntCoder, -64).length).toBe(1);
    expect(encodeToBytes(varIntCoder, Number.MIN_SAFE_INTEGER).length).toBe(8);
  });

  it("encodes -0 as 0, so it is deterministic", () => {
    expect(varIntCoder.deterministic).toBe(true);
    expect(encodeToBytes(varIntCoder, -0)).toEqual(encodeToBytes(varIntCoder, 0));
    expect(String(varIntCoder)).toBe("varIntCoder");
  });

  it("rejects numbers that are not safe integers and says what to use instead", () => {
    expect(() => encodeToBytes(varIntCoder, 1.5)).toThrow(
      new RangeError(
        "varIntCoder encodes safe integers only, got the number 1.5; use doubleCoder for other numbers",
      ),
    );
    expect(() => encodeToBytes(varIntCoder, 2 ** 53)).toThrow(RangeError);
    expect(() => encodeToBytes(varIntCoder, NaN)).toThrow(RangeError);
  });
});
