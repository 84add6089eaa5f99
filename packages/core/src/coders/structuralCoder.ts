import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";
import { walkStructural, type StructuralSink } from "./walkStructural";

// The tag byte that starts the encoding of each value.
const TAG_NULL = 0;
const TAG_UNDEFINED = 1;
const TAG_FALSE = 2;
const TAG_TRUE = 3;
/** A safe integer, as a zigzag varint. */
const TAG_INT = 4;
/** Any other number except NaN (fractional, infinite, beyond the safe range), as a double. */
const TAG_DOUBLE = 5;
const TAG_NAN = 6;
const TAG_STRING = 7;
const TAG_BIGINT = 8;
const TAG_BYTES = 9;
/** Followed by the time value encoded as a number (an Int, or NaN for an invalid Date). */
const TAG_DATE = 10;
/** A varint length, then the elements. */
const TAG_ARRAY = 11;
/** A varint size, then (string key, value) pairs in ascending key order. */
const TAG_OBJECT = 12;

/** Writes the canonical walk of a value as tagged bytes. */
class ByteSink implements StructuralSink {
  constructor(private readonly out: ByteWriter) {}

  nullValue(): void {
    this.out.writeByte(TAG_NULL);
  }
  undefinedValue(): void {
    this.out.writeByte(TAG_UNDEFINED);
  }
  boolean(value: boolean): void {
    this.out.writeByte(value ? TAG_TRUE : TAG_FALSE);
  }
  number(value: number): void {
    const out = this.out;
    if (Number.isSafeInteger(value)) {
      out.writeByte(TAG_INT);
      out.writeZigZagVarInt(value);
    } else if (value !== value) {
      out.writeByte(TAG_NAN); // one encoding for every NaN payload
    } else {
      out.writeByte(TAG_DOUBLE);
      out.writeDouble(value);
    }
  }
  string(value: string): void {
    this.out.writeByte(TAG_STRING);
    this.out.writeString(value);
  }
  bigint(value: bigint): void {
    this.out.writeByte(TAG_BIGINT);
    this.out.writeBigInt(value);
  }
  bytes(value: Uint8Array): void {
    this.out.writeByte(TAG_BYTES);
    this.out.writeBytes(value);
  }
  date(time: number): void {
    this.out.writeByte(TAG_DATE);
    this.number(time);
  }
  beginArray(length: number): void {
    this.out.writeByte(TAG_ARRAY);
    this.out.writeVarInt(length);
  }
  endArray(): void {}
  beginObject(size: number): void {
    this.out.writeByte(TAG_OBJECT);
    this.out.writeVarInt(size);
  }
  key(key: string): void {
    this.out.writeString(key);
  }
  endObject(): void {}
}

function decodeValue(input: ByteReader): unknown {
  const at = input.position;
  const tag = input.readByte();
  switch (tag) {
    case TAG_NULL:
      return null;
    case TAG_UNDEFINED:
      return undefined;
    case TAG_FALSE:
      return false;
    case TAG_TRUE:
      return true;
    case TAG_INT:
      return input.readZigZagVarInt();
    case TAG_DOUBLE:
      return input.readDouble();
    case TAG_NAN:
      return NaN;
    case TAG_STRING:
      return input.readString();
    case TAG_BIGINT:
      return input.readBigInt();
    case TAG_BYTES:
      return input.readBytes();
    case TAG_DATE: {
      const time = decodeValue(input);
      if (typeof time !== "number") throw new RangeError(`structuralCoder: bad Date at offset ${at}`);
      return new Date(time);
    }
    case TAG_ARRAY: {
      const n = input.readVarInt();
      const array: unknown[] = [];
      for (let i = 0; i < n; i++) array.push(decodeValue(input));
      return array;
    }
    case TAG_OBJECT: {
      const n = input.readVarInt();
      const record: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const key = input.readString();
        const value = decodeValue(input);
        if (key === "__proto__") {
          // An own property named "__proto__", not the prototype setter.
          Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
        } else {
          record[key] = value;
        }
      }
      return record;
    }
    default:
      throw new RangeError(`structuralCoder: unknown tag ${tag} at offset ${at}`);
  }
}

/**
 * A deterministic coder for any plain data value: null, undefined, booleans, numbers, strings,
 * bigints, `Uint8Array`s, `Date`s, and arrays and plain objects of these.
 *
 * Structurally equal values encode to equal bytes: object keys are written in sorted order (so
 * `{a: 1, b: 2}` and `{b: 2, a: 1}` encode identically), `-0` is written as `0` and every NaN alike.
 * Decoding gives back an equal value (arrays, plain objects with sorted keys, `Uint8Array` for
 * `Buffer`, `0` for `-0`). Array holes encode as `undefined`, and a property holding `undefined`
 * is kept, so `{a: undefined}` and `{}` differ. Its equality is exactly that of
 * {@link structuralKey}.
 * @example
 * ```ts
 * encodeToBytes(structuralCoder, { b: [1, "x"], a: null }); // same bytes as { a: null, b: [1, "x"] }
 * ```
 * @public
 */
export const structuralCoder: Coder<unknown> = Object.freeze({
  /**
   * @throws NonDeterministicValueError naming the path of a function, symbol, Map, Set, class
   * instance or cycle inside `value`.
   */
  encode(value: unknown, out: ByteWriter): void {
    walkStructural(value, new ByteSink(out));
  },
  /** @throws RangeError on truncated or corrupt input. */
  decode(input: ByteReader): unknown {
    return decodeValue(input);
  },
  deterministic: true,
  toString(): string {
    return "structuralCoder";
  },
});
