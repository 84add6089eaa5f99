import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";
import { describeValue } from "./describeValue";

/**
 * Makes the coder of arrays of `T`: a varint element count, then each element. Also encodes
 * readonly arrays. Deterministic when `elementCoder` is.
 * @example
 * ```ts
 * arrayCoder(stringCoder).toString(); // "arrayCoder(stringCoder)"
 * ```
 * @public
 */
export function arrayCoder<T>(elementCoder: Coder<T>): Coder<T[]> {
  return Object.freeze({
    /** @throws TypeError when `value` is not an array. */
    encode(value: readonly T[], out: ByteWriter): void {
      if (!Array.isArray(value)) {
        throw new TypeError(`arrayCoder(${String(elementCoder)}) cannot encode ${describeValue(value)}`);
      }
      const n = value.length;
      out.writeVarInt(n);
      for (let i = 0; i < n; i++) elementCoder.encode(value[i] as T, out);
    },
    /** @throws RangeError on truncated input. */
    decode(input: ByteReader): T[] {
      const n = input.readVarInt();
      const result: T[] = [];
      for (let i = 0; i < n; i++) result.push(elementCoder.decode(input));
      return result;
    },
    deterministic: elementCoder.deterministic,
    toString(): string {
      return `arrayCoder(${String(elementCoder)})`;
    },
  });
}
