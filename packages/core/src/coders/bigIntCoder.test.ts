import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bigIntCoder } from "./bigIntCoder";
import { encodeToBytes } from "./encodeToBytes";
import { checkCoderLaws } from "./testing/coderLaws";

describe("bigIntCoder", () => {
  it("round-trips bigints of any size", () => {
    checkCoderLaws(bigIntCoder, fc.oneof(fc.bigInt(), fc.bigInt({ min: -(2n ** 1000n), max: 2n ** 1000n })));
  });

  it("writes a sign-and-length header then the big-endian magnitude", () => {
    expect([...encodeToBytes(bigIntCoder, 0n)]).toEqual([0]);
    expect([...encodeToBytes(bigIntCoder, 1n)]).toEqual([2, 1]);
    expect([...encodeToBytes(bigIntCoder, -1n)]).toEqual([3, 1]);
    expect([...encodeToBytes(bigIntCoder, 0x1234n)]).toEqual([4, 0x12, 0x34]);
  });

  it("is deterministic, prints itself and rejects numbers", () => {
    expect(bigIntCoder.deterministic).toBe(true);
    expect(String(bigIntCoder)).toBe("bigIntCoder");
    expect(() => encodeToBytes(bigIntCoder, 1 as unknown as bigint)).toThrow(
      new TypeError("bigIntCoder cannot encode the number 1"),
    );
  });
});
