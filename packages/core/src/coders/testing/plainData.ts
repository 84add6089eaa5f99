import fc from "fast-check";

/**
 * Test support: every UTF-16 string, lone surrogates included (fast-check's default strings are
 * well-formed), mixed with well-formed full-Unicode strings.
 * @internal
 */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
  fc.string({ unit: "binary", minLength: 30, maxLength: 200 }),
);

/** Test support: the leaves of plain data, with a wide range of values. @internal */
export const plainLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -0, NaN, Infinity, -Infinity),
  fc.double(),
  fc.integer(),
  fc.maxSafeInteger(),
  anyString,
  fc.bigInt(),
  fc.uint8Array({ maxLength: 16 }),
  fc.date({ noInvalidDate: false }),
);

/**
 * Test support: leaves from a small universe, so that independently drawn values are often equal,
 * including strings made of the characters of structuralKey's grammar, which try to imitate other
 * values' keys.
 * @internal
 */
export const smallLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -0, 1, NaN, 1.5, "", "1", "a", 0n, 1n, -1n),
  fc.string({
    unit: fc.constantFrom("s", "n", "1", "0", ":", ";", "[", "]", "{", "}", "N", "x", "b"),
    maxLength: 4,
  }),
  fc.constantFrom(new Uint8Array([]), new Uint8Array([49]), new Date(0), new Date(1), new Date(NaN)),
);

/** Test support: plain data trees (arrays and objects, null-prototype ones too) over `leaf`. @internal */
export function plainData(
  leaf: fc.Arbitrary<unknown>,
  keys: fc.Arbitrary<string> = anyString,
): fc.Arbitrary<unknown> {
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(keys, tie("value"), { maxKeys: 4 }),
    ),
  })).value;
}

/**
 * Test support: reference equality of plain data, written independently of the encodings: deep
 * equality where `-0` equals `0`, NaN equals NaN, object key order and prototype (Object.prototype
 * or null) do not matter, and a Buffer equals a Uint8Array with the same bytes.
 * @internal
 */
export function plainDataEquals(a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a === "number") return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (typeof a !== "object" || a === null || b === null) return a === b;
  const o = b as object;
  if (a instanceof Uint8Array || o instanceof Uint8Array) {
    return (
      a instanceof Uint8Array &&
      o instanceof Uint8Array &&
      a.length === o.length &&
      a.every((x, i) => x === o[i])
    );
  }
  if (a instanceof Date || o instanceof Date) {
    return a instanceof Date && o instanceof Date && plainDataEquals(a.getTime(), o.getTime());
  }
  if (Array.isArray(a) || Array.isArray(o)) {
    if (!Array.isArray(a) || !Array.isArray(o) || a.length !== o.length) return false;
    for (let i = 0; i < a.length; i++) if (!plainDataEquals(a[i], o[i])) return false;
    return true;
  }
  const ka = Object.keys(a).sort();
  const kb = Object.keys(o).sort();
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) =>
    plainDataEquals((a as Record<string, unknown>)[k], (o as Record<string, unknown>)[k]),
  );
}

/**
 * Test support: an equal-but-differently-built copy of a plain data value: object keys inserted in
 * reverse order (alternately with a null prototype), `0` as `-0`, NaN from arithmetic, byte arrays
 * as Buffers, Dates and arrays rebuilt.
 * @internal
 */
export function scrambledCopy(value: unknown, depth = 0): unknown {
  if (typeof value === "number") return value === 0 ? -0 : Number.isNaN(value) ? 0 / 0 : value;
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map((v) => scrambledCopy(v, depth + 1));
  const copy: Record<string, unknown> =
    depth % 2 === 0 ? (Object.create(null) as Record<string, unknown>) : {};
  for (const k of Object.keys(value).reverse()) {
    Object.defineProperty(copy, k, {
      value: scrambledCopy((value as Record<string, unknown>)[k], depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
