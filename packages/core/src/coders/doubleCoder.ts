import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";
import { describeValue } from "./describeValue";

/**
 * The coder of any JavaScript number as its 8-byte big-endian IEEE 754 double (Beam's
 * `DoubleCoder`). It round-trips every number exactly, `-0` and NaN included.
 *
 * Not deterministic, as in Beam: `0` and `-0` are equal (`===`) but encode differently, and NaNs
 * may carry different payloads. To group by numbers use `varIntCoder` (integers) or
 * `structuralCoder`, which normalise them.
 * @public
 */
export const doubleCoder: Coder<number> = Object.freeze({
  /** @throws TypeError when `value` is not a number. */
  encode(value: number, out: ByteWriter): void {
    if (typeof value !== "number") throw new TypeError(`doubleCoder cannot encode ${describeValue(value)}`);
    out.writeDouble(value);
  },
  /** @throws RangeError when fewer than 8 bytes remain. */
  decode(input: ByteReader): number {
    return input.readDouble();
  },
  deterministic: false,
  toString(): string {
    return "doubleCoder";
  },
});
