import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";
import { describeValue } from "./describeValue";

/**
 * The coder of byte arrays: a varint length, then the bytes (Beam's `ByteArrayCoder` in a nested
 * context). Accepts any `Uint8Array`, Node's `Buffer` included; decodes to a fresh `Uint8Array`.
 * Deterministic.
 * @public
 */
export const bytesCoder: Coder<Uint8Array> = Object.freeze({
  /** @throws TypeError when `value` is not a Uint8Array. */
  encode(value: Uint8Array, out: ByteWriter): void {
    if (!(value instanceof Uint8Array))
      throw new TypeError(`bytesCoder cannot encode ${describeValue(value)}`);
    out.writeBytes(value);
  },
  /** @throws RangeError on truncated input. */
  decode(input: ByteReader): Uint8Array {
    return input.readBytes();
  },
  deterministic: true,
  toString(): string {
    return "bytesCoder";
  },
});
