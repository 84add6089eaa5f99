import { ByteReader } from "./ByteReader";
import type { Coder } from "./Coder";

/**
 * Decodes one value encoded with `coder` from `bytes`, which must hold exactly that one encoding.
 * @example
 * ```ts
 * decodeFromBytes(stringCoder, encodeToBytes(stringCoder, "a")); // "a"
 * ```
 * @throws RangeError when `bytes` is truncated or corrupt, or holds bytes after the value.
 * @public
 */
export function decodeFromBytes<T>(coder: Coder<T>, bytes: Uint8Array): T {
  const input = new ByteReader(bytes);
  const value = coder.decode(input);
  if (input.remaining !== 0) {
    throw new RangeError(
      `decodeFromBytes(${String(coder)}): ${input.remaining} trailing byte(s) after the value, ` +
        `which ended at offset ${input.position} of ${bytes.length}`,
    );
  }
  return value;
}
