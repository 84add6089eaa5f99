import { NonDeterministicValueError } from "./NonDeterministicValueError";

/**
 * Receives a plain data value from {@link walkStructural} in canonical order: `-0` already turned
 * into `0`, object keys sorted. Each implementation turns the calls into one encoding.
 * @internal
 */
export interface StructuralSink {
  nullValue(): void;
  undefinedValue(): void;
  boolean(value: boolean): void;
  /** Never `-0`; may be NaN or infinite. */
  number(value: number): void;
  string(value: string): void;
  bigint(value: bigint): void;
  bytes(value: Uint8Array): void;
  /** A Date, given by its time value (integer milliseconds, or NaN for an invalid Date). */
  date(time: number): void;
  beginArray(length: number): void;
  endArray(): void;
  /** Followed by `size` pairs of a `key` call and a value, keys in ascending code unit order. */
  beginObject(size: number): void;
  key(key: string): void;
  endObject(): void;
}

const PLAIN_DATA =
  "structural keys and structurally encoded values must be plain data: null, undefined, booleans, " +
  "numbers, strings, bigints, Uint8Array, Date, arrays and plain objects";

/**
 * Walks a plain data value depth-first and reports it to `sink` in canonical order; the single
 * definition of what `structuralCoder` and `structuralKey` accept and how they order it.
 *
 * Array holes are reported as `undefined`; only own enumerable string-keyed properties of plain
 * objects (prototype `Object.prototype` or `null`) are reported, and a property whose value is
 * `undefined` is reported (so `{a: undefined}` differs from `{}`).
 * @throws NonDeterministicValueError naming the path of the first function, symbol, Map, Set,
 * class instance, symbol-keyed property or cycle found.
 * @internal
 */
export function walkStructural(value: unknown, sink: StructuralSink): void {
  new StructuralWalk(sink).visit(value);
}

class StructuralWalk {
  /** The containers from the root to the current value's parent, for cycle detection and paths. */
  private readonly ancestors: object[] = [];
  /** `keys[d]` is the key or index of the current child within `ancestors[d]`. */
  private readonly keys: Array<string | number> = [];

  constructor(private readonly sink: StructuralSink) {}

  visit(value: unknown): void {
    const sink = this.sink;
    switch (typeof value) {
      case "string":
        sink.string(value);
        return;
      case "number":
        sink.number(value === 0 ? 0 : value);
        return;
      case "boolean":
        sink.boolean(value);
        return;
      case "undefined":
        sink.undefinedValue();
        return;
      case "bigint":
        sink.bigint(value);
        return;
      case "object":
        if (value === null) sink.nullValue();
        else this.visitObject(value);
        return;
      case "function":
        throw this.error("is a function; " + PLAIN_DATA);
      case "symbol":
        throw this.error(`is a symbol (${String(value)}); ` + PLAIN_DATA);
    }
  }

  private visitObject(value: object): void {
    const sink = this.sink;
    if (Array.isArray(value)) {
      const depth = this.enter(value);
      const n = value.length;
      sink.beginArray(n);
      for (let i = 0; i < n; i++) {
        this.keys[depth] = i;
        this.visit((value as unknown[])[i]);
      }
      sink.endArray();
      this.ancestors.pop();
      return;
    }
    if (value instanceof Uint8Array) {
      sink.bytes(value);
      return;
    }
    if (value instanceof Date) {
      const time = value.getTime();
      sink.date(time === 0 ? 0 : time);
      return;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw this.error(describeUnsupportedObject(value));
    const record = value as Record<string, unknown>;
    const symbols = Object.getOwnPropertySymbols(record);
    for (const symbol of symbols) {
      if (Object.prototype.propertyIsEnumerable.call(record, symbol)) {
        throw this.error(`has a symbol-keyed property [${String(symbol)}]; ` + PLAIN_DATA);
      }
    }
    const depth = this.enter(value);
    const keys = Object.keys(record).sort();
    const n = keys.length;
    sink.beginObject(n);
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      this.keys[depth] = key;
      sink.key(key);
      this.visit(record[key]);
    }
    sink.endObject();
    this.ancestors.pop();
  }

  /** Pushes `container` as the parent of what follows and returns its depth. */
  private enter(container: object): number {
    const ancestors = this.ancestors;
    const depth = ancestors.length;
    const seen = ancestors.indexOf(container);
    if (seen >= 0)
      throw this.error(`is a cyclic reference to ${this.path(seen)}; plain data must not contain cycles`);
    ancestors.push(container);
    return depth;
  }

  private error(problem: string): NonDeterministicValueError {
    return new NonDeterministicValueError(this.path(this.ancestors.length), problem);
  }

  /** The path of the value at `depth`: the root is `value`, e.g. `value.user["first name"][0]`. */
  private path(depth: number): string {
    let path = "value";
    for (let d = 0; d < depth; d++) {
      const key = this.keys[d]!;
      if (typeof key === "number") path += `[${key}]`;
      else if (/^[A-Za-z_$][\w$]*$/.test(key)) path += `.${key}`;
      else path += `[${JSON.stringify(key)}]`;
    }
    return path;
  }
}

/** Says why a non-plain object is rejected and how to fix it. */
function describeUnsupportedObject(value: object): string {
  if (value instanceof Map) {
    return (
      "is a Map, which has no deterministic structural encoding; convert it to an array of " +
      "[key, value] entries (e.g. [...map].sort()) or to a plain object first"
    );
  }
  if (value instanceof Set) {
    return (
      "is a Set, which has no deterministic structural encoding; convert it to an array " +
      "(e.g. [...set].sort()) first"
    );
  }
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  const what =
    typeof name === "string" && name !== "" && name !== "Object"
      ? `an instance of class ${name}`
      : "an object whose prototype is neither Object.prototype nor null";
  return (
    `is ${what}; ${PLAIN_DATA}. Convert it to plain data first, or give the PCollection a coder ` +
    "for its type"
  );
}
