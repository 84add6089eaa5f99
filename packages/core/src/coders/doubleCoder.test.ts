import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeFromBytes } from "./decodeFromBytes";
import { doubleCoder } from "./doubleCoder";
import { encodeToBytes } from "./encodeToBytes";
import { checkCoderLaws } from "./testing/coderLaws";

describe("doubleCoder", () => {
  it("round-trips every number bit for bit", () => {
    checkCoderLaws(doubleCoder, fc.double(), { equals: (decoded, value) => Object.is(decoded, value) });
    expect(Object.is(decodeFromBytes(doubleCoder, encodeToBytes(doubleCoder, -0)), -0)).toBe(true);
  });

  it("is not deterministic, as -0 and 0 encode differently", () => {
    expect(doubleCoder.deterministic).toBe(false);
    expect(encodeToBytes(doubleCoder, -0)).not.toEqual(encodeToBytes(doubleCoder, 0));
    expect(String(doubleCoder)).toBe("doubleCoder");
  });

  it("writes 8 big-endian bytes and rejects non-numbers", () => {
    expect([...encodeToBytes(doubleCoder, -2)]).toEqual([0xc0, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => encodeToBytes(doubleCoder, "1" as unknown as number)).toThrow(
      new TypeError('doubleCoder cannot encode the string "1"'),
    );
  });
});
