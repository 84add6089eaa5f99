import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";
import { describeValue } from "./describeValue";

/**
 * The coder of bigints of any size: a varint header `2 * byteLength + sign`, then the magnitude
 * big-endian with no leading zero byte (see {@link ByteWriter.writeBigInt}). Deterministic.
 * @public
 */
export const bigIntCoder: Coder<bigint> = Object.freeze({
  /** @throws TypeError when `value` is not a bigint. */
  encode(value: bigint, out: ByteWriter): void {
    if (typeof value !== "bigint") throw new TypeError(`bigIntCoder cannot encode ${describeValue(value)}`);
    out.writeBigInt(value);
  },
  /** @throws RangeError on truncated input. */
  decode(input: ByteReader): bigint {
    return input.readBigInt();
  },
  deterministic: true,
  toString(): string {
    return "bigIntCoder";
  },
});
