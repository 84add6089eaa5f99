import { structuralKey } from "../coders/structuralKey";

/** A key that is its own deterministic identity as a `Map` key. */
type PrimitiveKey = string | number | boolean | null | undefined;

function isPrimitiveKey(key: unknown): key is PrimitiveKey {
  // Each `typeof` compared directly: V8 then tests the value's type in place, where a `typeof`
  // kept in a variable is a call to its builtin on every lookup.
  return (
    typeof key === "number" ||
    typeof key === "string" ||
    typeof key === "boolean" ||
    key === undefined ||
    key === null
  );
}

/**
 * A map from grouping keys to values that compares keys as their deterministic encoding does
 * ({@link structuralKey}): two keys are the same key exactly when their structural keys are equal.
 *
 * Strings, numbers, booleans, null and undefined are used as `Map` keys themselves — Map's
 * SameValueZero equality already makes `-0` equal `0` and every NaN equal, as the encoding does,
 * and keeps `1` apart from `"1"` — so the common keys cost no string building per lookup. Other
 * keys (objects, arrays, bigints, bytes, dates) are looked up by their structural-key string in a
 * second map, so that no string key can collide with another value's encoding.
 * @internal
 */
export class KeyMap<V> {
  private readonly primitives = new Map<PrimitiveKey, V>();
  private readonly encoded = new Map<string, V>();

  /**
   * Checks that `key` can be a key of a KeyMap.
   * @throws NonDeterministicValueError when `key` has no deterministic encoding.
   */
  static check(key: unknown): void {
    if (!isPrimitiveKey(key)) structuralKey(key);
  }

  /** The number of keys. */
  get size(): number {
    return this.primitives.size + this.encoded.size;
  }

  /**
   * The value of `key`, or undefined.
   * @throws NonDeterministicValueError when `key` has no deterministic encoding (a function, a class instance, ...).
   */
  get(key: unknown): V | undefined {
    return isPrimitiveKey(key) ? this.primitives.get(key) : this.encoded.get(structuralKey(key));
  }

  /**
   * Sets the value of `key`.
   * @throws NonDeterministicValueError when `key` has no deterministic encoding.
   */
  set(key: unknown, value: V): void {
    if (isPrimitiveKey(key)) this.primitives.set(key, value);
    else this.encoded.set(structuralKey(key), value);
  }

  /** Removes `key`; returns true if it was present. */
  delete(key: unknown): boolean {
    return isPrimitiveKey(key) ? this.primitives.delete(key) : this.encoded.delete(structuralKey(key));
  }

  clear(): void {
    this.primitives.clear();
    this.encoded.clear();
  }

  /** Every value: those of primitive keys first, each group in insertion order. */
  *values(): IterableIterator<V> {
    yield* this.primitives.values();
    yield* this.encoded.values();
  }
}
