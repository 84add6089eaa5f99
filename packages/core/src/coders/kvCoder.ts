import { kv, type KV } from "../values/KV";
import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";

/**
 * Makes the coder of {@link KV} pairs: the key, then the value (Beam's `KvCoder`). Deterministic when
 * both component coders are.
 * @example
 * ```ts
 * kvCoder(stringCoder, varIntCoder).toString(); // "kvCoder(stringCoder, varIntCoder)"
 * ```
 * @public
 */
export function kvCoder<K, V>(keyCoder: Coder<K>, valueCoder: Coder<V>): Coder<KV<K, V>> {
  return Object.freeze({
    encode(value: KV<K, V>, out: ByteWriter): void {
      keyCoder.encode(value.key, out);
      valueCoder.encode(value.value, out);
    },
    decode(input: ByteReader): KV<K, V> {
      const key = keyCoder.decode(input);
      return kv(key, valueCoder.decode(input));
    },
    deterministic: keyCoder.deterministic && valueCoder.deterministic,
    toString(): string {
      return `kvCoder(${String(keyCoder)}, ${String(valueCoder)})`;
    },
  });
}
