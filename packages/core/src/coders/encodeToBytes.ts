import { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";

/** A writer reused across calls; a nested call (a coder calling encodeToBytes) gets its own. */
let sharedWriter: ByteWriter | undefined = new ByteWriter(256);

/**
 * Encodes one value with `coder` into a new `Uint8Array` of exactly its encoded length.
 * @example
 * ```ts
 * encodeToBytes(varIntCoder, 300); // Uint8Array [0xd8, 0x04]
 * ```
 * @throws whatever `coder.encode` throws for a value it cannot encode.
 * @public
 */
export function encodeToBytes<T>(coder: Coder<T>, value: T): Uint8Array {
  const out = sharedWriter ?? new ByteWriter();
  sharedWriter = undefined;
  try {
    coder.encode(value, out);
    return out.finish();
  } finally {
    out.reset();
    sharedWriter = out;
  }
}
