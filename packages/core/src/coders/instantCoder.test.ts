import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { END_OF_GLOBAL_WINDOW, MAX_TIMESTAMP, MIN_TIMESTAMP } from "../time/Instant";
import { decodeFromBytes } from "./decodeFromBytes";
import { encodeToBytes } from "./encodeToBytes";
import { instantCoder } from "./instantCoder";
import { checkCoderLaws } from "./testing/coderLaws";

const instants = fc.oneof(
  fc.integer({ min: MIN_TIMESTAMP, max: MAX_TIMESTAMP }),
  fc.maxSafeInteger(),
  fc.integer({ min: -5_000, max: 5_000 }),
  fc.constantFrom(
    MIN_TIMESTAMP,
    MAX_TIMESTAMP,
    END_OF_GLOBAL_WINDOW,
    -1,
    0,
    2 ** 32 - 1,
    2 ** 32,
    -(2 ** 32),
  ),
);

const compareBytes = (a: Uint8Array, b: Uint8Array): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
};

describe("instantCoder", () => {
  it("round-trips every instant, negative ones included", () => {
    checkCoderLaws(instantCoder, instants);
  });

  it("writes Beam's layout: 8 bytes, big-endian, sign bit flipped", () => {
    expect([...encodeToBytes(instantCoder, 0)]).toEqual([0x80, 0, 0, 0, 0, 0, 0, 0]);
    expect([...encodeToBytes(instantCoder, -1)]).toEqual([0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect([...encodeToBytes(instantCoder, 2 ** 32 + 5)]).toEqual([0x80, 0, 0, 1, 0, 0, 0, 5]);
  });

  it("orders bytes as it orders time", () => {
    fc.assert(
      fc.property(instants, instants, (a, b) => {
        const order = Math.sign(compareBytes(encodeToBytes(instantCoder, a), encodeToBytes(instantCoder, b)));
        expect(order).toBe(Math.sign(a - b));
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects fractional instants and decodes only safe ones", () => {
    expect(() => encodeToBytes(instantCoder, 1.5)).toThrow(
      new RangeError("instantCoder needs integer epoch milliseconds, got the number 1.5"),
    );
    expect(() => decodeFromBytes(instantCoder, new Uint8Array(8).fill(0xff))).toThrow(
      /outside the safe integer range/,
    );
  });

  it("is deterministic and prints itself", () => {
    expect(instantCoder.deterministic).toBe(true);
    expect(String(instantCoder)).toBe("instantCoder");
  });
});
