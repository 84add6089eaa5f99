import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";
import { describeValue } from "./describeValue";

/**
 * The coder of booleans as one byte, `0` or `1` (Beam's `BooleanCoder`). Deterministic.
 * @public
 */
export const booleanCoder: Coder<boolean> = Object.freeze({
  /** @throws TypeError when `value` is not a boolean. */
  encode(value: boolean, out: ByteWriter): void {
    if (typeof value !== "boolean") throw new TypeError(`booleanCoder cannot encode ${describeValue(value)}`);
    out.writeByte(value ? 1 : 0);
  },
  /** @throws RangeError on truncated input or a byte other than 0 or 1. */
  decode(input: ByteReader): boolean {
    const at = input.position;
    const b = input.readByte();
    if (b > 1) throw new RangeError(`booleanCoder: invalid byte ${b} at offset ${at}, expected 0 or 1`);
    return b === 1;
  },
  deterministic: true,
  toString(): string {
    return "booleanCoder";
  },
});
