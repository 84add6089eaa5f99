/**
 * A key/value pair: the element type that GroupByKey, Combine.perKey and stateful DoFns take.
 * @public
 */
export interface KV<K, V> {
  readonly key: K;
  readonly value: V;
}

/**
 * Makes a {@link KV}.
 * @example
 * ```ts
 * kv("user-1", 3); // { key: "user-1", value: 3 }
 * ```
 * @public
 */
export function kv<K, V>(key: K, value: V): KV<K, V> {
  return { key, value };
}

/** True when `x` has the shape of a {@link KV}. @internal */
export function isKV(x: unknown): x is KV<unknown, unknown> {
  return typeof x === "object" && x !== null && "key" in x && "value" in x;
}
