import fc from "fast-check";
import { expect } from "vitest";
import type { Coder } from "../Coder";
import { decodeFromBytes } from "../decodeFromBytes";
import { encodeToBytes } from "../encodeToBytes";

/** Options of {@link checkCoderLaws}. @internal */
export interface CoderLawOptions<T> {
  /** fast-check runs; default 1000. */
  readonly numRuns?: number;
  /** Equality of a value and its decoded copy; default `expect(decoded).toStrictEqual(value)`. */
  readonly equals?: (decoded: T, value: T) => boolean;
}

/**
 * Test support: asserts, for `numRuns` values drawn from `values`, the laws every coder obeys:
 * decoding an encoding gives back an equal value; encoding twice gives the same bytes; every strict
 * prefix of an encoding is rejected with a RangeError (coders are self-delimiting); and a trailing
 * byte is rejected by `decodeFromBytes`.
 * @internal
 */
export function checkCoderLaws<T>(
  coder: Coder<T>,
  values: fc.Arbitrary<T>,
  options: CoderLawOptions<T> = {},
): void {
  const { numRuns = 1000, equals } = options;
  fc.assert(
    fc.property(values, (value) => {
      const bytes = encodeToBytes(coder, value);
      const decoded = decodeFromBytes(coder, bytes);
      if (equals === undefined) expect(decoded).toStrictEqual(value);
      else expect(equals(decoded, value)).toBe(true);
      expect(encodeToBytes(coder, value)).toEqual(bytes);
      // Every prefix when short, a sample of them when long, so that big values stay cheap.
      const step = Math.max(1, Math.floor(bytes.length / 32));
      for (let n = 0; n < bytes.length; n += step) {
        expect(() => decodeFromBytes(coder, bytes.subarray(0, n))).toThrow(RangeError);
      }
      const longer = new Uint8Array(bytes.length + 1);
      longer.set(bytes);
      expect(() => decodeFromBytes(coder, longer)).toThrow(/trailing byte/);
    }),
    { numRuns },
  );
}
