import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";
import { describeValue } from "./describeValue";

/**
 * The coder of signed safe integers (`Number.MIN_SAFE_INTEGER..Number.MAX_SAFE_INTEGER`) as zigzag
 * varints: 1 byte for -64..63, at most 8 bytes. Deterministic (`-0` encodes as `0`).
 * @example
 * ```ts
 * encodeToBytes(varIntCoder, -1); // Uint8Array [0x01]
 * ```
 * @public
 */
export const varIntCoder: Coder<number> = Object.freeze({
  /** @throws RangeError when `value` is not a safe integer (use doubleCoder for other numbers). */
  encode(value: number, out: ByteWriter): void {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(
        `varIntCoder encodes safe integers only, got ${describeValue(value)}; use doubleCoder for other numbers`,
      );
    }
    out.writeZigZagVarInt(value);
  },
  /** @throws RangeError on truncated input or a value outside the safe integer range. */
  decode(input: ByteReader): number {
    return input.readZigZagVarInt();
  },
  deterministic: true,
  toString(): string {
    return "varIntCoder";
  },
});
