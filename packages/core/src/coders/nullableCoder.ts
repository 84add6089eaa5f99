import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";

/**
 * Makes the coder of `T | null` from the coder of `T`: a byte `0` for null, or `1` followed by the
 * value (Beam's `NullableCoder`). Deterministic when `valueCoder` is.
 * @example
 * ```ts
 * const c = nullableCoder(stringCoder);
 * c.toString(); // "nullableCoder(stringCoder)"
 * ```
 * @public
 */
export function nullableCoder<T>(valueCoder: Coder<T>): Coder<T | null> {
  return Object.freeze({
    encode(value: T | null, out: ByteWriter): void {
      if (value === null) {
        out.writeByte(0);
      } else {
        out.writeByte(1);
        valueCoder.encode(value, out);
      }
    },
    decode(input: ByteReader): T | null {
      const at = input.position;
      const marker = input.readByte();
      if (marker === 0) return null;
      if (marker === 1) return valueCoder.decode(input);
      throw new RangeError(`nullableCoder: invalid marker byte ${marker} at offset ${at}, expected 0 or 1`);
    },
    deterministic: valueCoder.deterministic,
    toString(): string {
      return `nullableCoder(${String(valueCoder)})`;
    },
  });
}
