import type { Instant } from "../time/Instant";
import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";
import { describeValue } from "./describeValue";

const TWO_POW_32 = 0x1_0000_0000;

/**
 * The coder of instants (integer epoch milliseconds, negative ones included) as Beam's
 * `InstantCoder` writes them: 8 bytes, big-endian, the 64-bit two's complement value with its sign
 * bit flipped, so that byte order equals time order (`MIN_TIMESTAMP` encodes lowest). Deterministic.
 * @example
 * ```ts
 * encodeToBytes(instantCoder, 0); // Uint8Array [0x80, 0, 0, 0, 0, 0, 0, 0]
 * ```
 * @public
 */
export const instantCoder: Coder<Instant> = Object.freeze({
  /** @throws RangeError when `value` is not a safe integer. */
  encode(value: Instant, out: ByteWriter): void {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`instantCoder needs integer epoch milliseconds, got ${describeValue(value)}`);
    }
    const high = Math.floor(value / TWO_POW_32); // in [-2^21, 2^21): fits an int32
    out.writeUint32(high ^ 0x8000_0000);
    out.writeUint32(value - high * TWO_POW_32);
  },
  /** @throws RangeError on truncated input or an instant outside the safe integer range. */
  decode(input: ByteReader): Instant {
    const at = input.position;
    const high = (input.readUint32() ^ 0x8000_0000) | 0;
    const low = input.readUint32();
    const value = high * TWO_POW_32 + low;
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`instantCoder: the instant at offset ${at} is outside the safe integer range`);
    }
    return value;
  },
  deterministic: true,
  toString(): string {
    return "instantCoder";
  },
});
