import { walkStructural, type StructuralSink } from "./walkStructural";

/**
 * Builds the key string of a nested value. Every piece is self-delimiting: a one-character tag,
 * then either a `;`-terminated number, a `length:`-prefixed string, or the pieces of the elements
 * and a closing bracket, so distinct values never concatenate to the same string.
 */
class KeySink implements StructuralSink {
  out = "";

  nullValue(): void {
    this.out += "N";
  }
  undefinedValue(): void {
    this.out += "U";
  }
  boolean(value: boolean): void {
    this.out += value ? "T" : "F";
  }
  number(value: number): void {
    // String() of a number never contains ";" and is distinct for distinct numbers (-0 excluded).
    this.out += "n" + String(value) + ";";
  }
  string(value: string): void {
    this.out += "s" + String(value.length) + ":" + value;
  }
  bigint(value: bigint): void {
    this.out += "b" + value.toString() + ";";
  }
  bytes(value: Uint8Array): void {
    let key = "x" + String(value.length) + ":";
    for (let i = 0; i < value.length; i += 4096) {
      key += String.fromCharCode(...value.subarray(i, i + 4096));
    }
    this.out += key;
  }
  date(time: number): void {
    this.out += "d" + String(time) + ";";
  }
  beginArray(_length: number): void {
    this.out += "[";
  }
  endArray(): void {
    this.out += "]";
  }
  beginObject(_size: number): void {
    this.out += "{";
  }
  key(key: string): void {
    this.out += String(key.length) + ":" + key;
  }
  endObject(): void {
    this.out += "}";
  }
}

/**
 * Returns a deterministic string for a plain data value, used by the runner as a `Map` key when
 * grouping (GroupByKey, Combine.perKey, state): two values get the same string exactly when
 * `structuralCoder` encodes them to the same bytes.
 *
 * So structurally equal values share a key (`{a: 1, b: 2}` and `{b: 2, a: 1}`; `0` and `-0`; all
 * NaNs), and distinct ones never do (the number `1` and the string `"1"` differ, and no string can
 * imitate another value's key). Strings, numbers, booleans, null and undefined take a fast path
 * with at most one concatenation; other values are walked once.
 * @example
 * ```ts
 * structuralKey("user-1"); // "suser-1"
 * structuralKey(1) === structuralKey("1"); // false
 * structuralKey({ a: 1, b: [2] }) === structuralKey({ b: [2], a: 1 }); // true
 * ```
 * @throws NonDeterministicValueError naming the path of a function, symbol, Map, Set, class
 * instance or cycle inside `value`, e.g. `value.user.callback is a function; ...`.
 * @public
 */
export function structuralKey(value: unknown): string {
  // A top-level string or number needs no delimiter: its key is "s" or "n" and the rest of the key.
  // Other keys start with another letter: T, F, U, N here, or b, x, d, [, { from the walk.
  switch (typeof value) {
    case "string":
      return "s" + value;
    case "number":
      return value === 0 ? "n0" : "n" + String(value);
    case "boolean":
      return value ? "T" : "F";
    case "undefined":
      return "U";
    default: {
      if (value === null) return "N";
      const sink = new KeySink();
      walkStructural(value, sink);
      return sink.out;
    }
  }
}
