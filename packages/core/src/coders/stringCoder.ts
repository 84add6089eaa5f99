import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";
import { describeValue } from "./describeValue";

/**
 * The coder of strings: a varint byte length, then the UTF-8 bytes (Beam's `StringUtf8Coder` for
 * well-formed strings; lone surrogates are kept, see {@link ByteWriter.writeString}). Deterministic.
 * @example
 * ```ts
 * decodeFromBytes(stringCoder, encodeToBytes(stringCoder, "héllo")); // "héllo"
 * ```
 * @public
 */
export const stringCoder: Coder<string> = Object.freeze({
  /** @throws TypeError when `value` is not a string. */
  encode(value: string, out: ByteWriter): void {
    if (typeof value !== "string") throw new TypeError(`stringCoder cannot encode ${describeValue(value)}`);
    out.writeString(value);
  },
  /** @throws RangeError on truncated input or invalid UTF-8. */
  decode(input: ByteReader): string {
    return input.readString();
  },
  deterministic: true,
  toString(): string {
    return "stringCoder";
  },
});
