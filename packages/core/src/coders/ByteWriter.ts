/** 2^64: varints carry at most 64 bits, as in Beam and protobuf. */
const TWO_POW_64 = 18_446_744_073_709_551_616;
/** Strings at least this long are encoded with `TextEncoder.encodeInto` when well-formed. */
const NATIVE_UTF8_MIN_LENGTH = 64;

const utf8Encoder = new TextEncoder();

type WellFormedCheck = (this: string) => boolean;
/** `String.prototype.isWellFormed` (Node 20+); absent on older engines, where every string takes the JS path. */
const isWellFormed = (String.prototype as { isWellFormed?: WellFormedCheck }).isWellFormed;

/**
 * A growable byte buffer that coders write to: bytes, varints, doubles, and length-prefixed byte
 * arrays and strings.
 *
 * The writer owns one buffer and one `DataView` over it, grown by doubling, so writes allocate
 * nothing once the buffer is large enough. {@link ByteWriter.finish} hands out a copy of the
 * written bytes and resets the writer, so one writer can encode many values.
 *
 * Layouts (all multi-byte fixed-width values are big-endian, as in Beam):
 * - varint: 7 bits per byte, least significant group first, high bit set on all but the last byte;
 * - zigzag varint: `n >= 0 ? 2n : -2n - 1` as a varint;
 * - bytes and strings: a varint length, then the bytes; strings are UTF-8 (lone UTF-16 surrogates,
 *   which UTF-8 cannot represent, are written as their 3-byte generalized UTF-8 form, so every
 *   JavaScript string round-trips and distinct strings never share an encoding).
 * @example
 * ```ts
 * const out = new ByteWriter();
 * out.writeVarInt(300);
 * out.writeString("hé");
 * out.finish(); // Uint8Array [0xac, 0x02, 0x03, 0x68, 0xc3, 0xa9]
 * ```
 * @public
 */
export class ByteWriter {
  private buffer: Uint8Array;
  private view: DataView;
  private position = 0;

  /** @param initialCapacity - bytes to allocate up front; the buffer grows as needed. */
  constructor(initialCapacity = 64) {
    this.buffer = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.buffer.buffer);
  }

  /** The number of bytes written since construction or the last {@link ByteWriter.finish}. */
  get length(): number {
    return this.position;
  }

  /** Writes one byte: the low 8 bits of `byte`. */
  writeByte(byte: number): void {
    this.ensure(1);
    this.buffer[this.position++] = byte;
  }

  /**
   * Writes a non-negative integer as an unsigned varint (1 byte below 128, at most 10 bytes).
   *
   * Every safe integer is accepted, and so is every larger integer-valued number below 2^64, which
   * is written exactly as the double holds it.
   * @throws RangeError when `n` is negative, not an integer, or not below 2^64.
   */
  writeVarInt(n: number): void {
    if (n >>> 0 === n) {
      this.writeUint32VarInt(n);
      return;
    }
    if (!(Number.isInteger(n) && n > 0 && n < TWO_POW_64)) {
      throw new RangeError(`writeVarInt needs an integer in [0, 2^64), got ${n}`);
    }
    this.ensure(10);
    const buf = this.buffer;
    let pos = this.position;
    while (n >= 128) {
      const low = n % 128;
      buf[pos++] = low | 0x80;
      n = (n - low) / 128;
    }
    buf[pos++] = n;
    this.position = pos;
  }

  /**
   * Writes a signed safe integer as a zigzag varint: small magnitudes, negative or not, take few
   * bytes (`0 → 00`, `-1 → 01`, `1 → 02`, `-2 → 03`, ...).
   * @throws RangeError when `n` is not a safe integer.
   */
  writeZigZagVarInt(n: number): void {
    if ((n | 0) === n && n < 0x4000_0000 && n >= -0x4000_0000) {
      // |n| < 2^30: the zigzag value fits in 31 bits, so int32 arithmetic is exact.
      this.writeUint32VarInt((n << 1) ^ (n >> 31));
      return;
    }
    if (!Number.isSafeInteger(n)) {
      throw new RangeError(`writeZigZagVarInt needs a safe integer, got ${n}`);
    }
    // zigzag(n) = 2m + sign with m = n >= 0 ? n : -n - 1. 2m + 1 can exceed 2^53, so write the
    // first group (sign bit + 6 bits of m) by hand and the rest of m (m / 64) as a plain varint.
    const negative = n < 0;
    const m = negative ? -n - 1 : n;
    const low6 = m % 64;
    const rest = (m - low6) / 64;
    this.writeByte((low6 << 1) | (negative ? 1 : 0) | 0x80);
    this.writeVarInt(rest);
  }

  /** Writes a 64-bit IEEE 754 double, big-endian (8 bytes). NaN payloads are written as they are. */
  writeDouble(x: number): void {
    this.ensure(8);
    this.view.setFloat64(this.position, x);
    this.position += 8;
  }

  /** Writes the low 32 bits of `n` as an unsigned big-endian integer (4 bytes). */
  writeUint32(n: number): void {
    this.ensure(4);
    this.view.setUint32(this.position, n >>> 0);
    this.position += 4;
  }

  /**
   * Writes a bigint: a varint header `2 * byteLength + (negative ? 1 : 0)`, then the magnitude as
   * `byteLength` big-endian bytes with no leading zero byte (zero has no magnitude bytes).
   */
  writeBigInt(n: bigint): void {
    const negative = n < 0n;
    let hex = (negative ? -n : n).toString(16);
    if (n === 0n) hex = "";
    else if (hex.length % 2 === 1) hex = "0" + hex;
    const byteLength = hex.length / 2;
    this.writeVarInt(2 * byteLength + (negative ? 1 : 0));
    this.ensure(byteLength);
    const buf = this.buffer;
    let pos = this.position;
    for (let i = 0; i < hex.length; i += 2) buf[pos++] = parseInt(hex.slice(i, i + 2), 16);
    this.position = pos;
  }

  /** Writes `bytes` as they are, with no length prefix. */
  writeRawBytes(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.position);
    this.position += bytes.length;
  }

  /** Writes a byte array, prefixed by its length as a varint. */
  writeBytes(bytes: Uint8Array): void {
    this.writeVarInt(bytes.length);
    this.writeRawBytes(bytes);
  }

  /**
   * Writes a string as UTF-8, prefixed by its byte length as a varint. Lone surrogates are written
   * in generalized UTF-8 (see the class comment) rather than replaced, so the encoding is injective.
   */
  writeString(s: string): void {
    const n = s.length;
    if (n >= NATIVE_UTF8_MIN_LENGTH && isWellFormed?.call(s) === true) {
      this.writeLongWellFormedString(s);
      return;
    }
    // One pass to measure (ASCII strings: byte length = string length), one to write.
    let byteLength = n;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        byteLength = utf8Length(s, i);
        break;
      }
    }
    this.writeVarInt(byteLength);
    this.ensure(byteLength);
    const buf = this.buffer;
    let pos = this.position;
    if (byteLength === n) {
      for (let i = 0; i < n; i++) buf[pos++] = s.charCodeAt(i);
    } else {
      for (let i = 0; i < n; i++) {
        let c = s.charCodeAt(i);
        if (c < 0x80) {
          buf[pos++] = c;
        } else if (c < 0x800) {
          buf[pos++] = 0xc0 | (c >> 6);
          buf[pos++] = 0x80 | (c & 0x3f);
        } else {
          if (c >= 0xd800 && c < 0xdc00 && i + 1 < n) {
            const d = s.charCodeAt(i + 1);
            if (d >= 0xdc00 && d < 0xe000) {
              c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
              i++;
              buf[pos++] = 0xf0 | (c >> 18);
              buf[pos++] = 0x80 | ((c >> 12) & 0x3f);
              buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
              buf[pos++] = 0x80 | (c & 0x3f);
              continue;
            }
          }
          buf[pos++] = 0xe0 | (c >> 12);
          buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
          buf[pos++] = 0x80 | (c & 0x3f);
        }
      }
    }
    this.position = pos;
  }

  /**
   * Returns a copy of the bytes written so far, exactly as long as them, and resets the writer to
   * empty (keeping its buffer) so that it can be reused.
   */
  finish(): Uint8Array {
    const out = this.buffer.slice(0, this.position);
    this.position = 0;
    return out;
  }

  /**
   * Returns the bytes written so far as a view of the writer's buffer, without copying them, and
   * gives the writer a new, small buffer. For one large value (a checkpoint), whose copy by
   * {@link ByteWriter.finish} would cost about as much as encoding it; the view keeps the whole
   * buffer alive, so size the writer close to the expected length.
   */
  detach(): Uint8Array {
    const out = this.buffer.subarray(0, this.position);
    this.buffer = new Uint8Array(16);
    this.view = new DataView(this.buffer.buffer);
    this.position = 0;
    return out;
  }

  /** Discards the bytes written so far, keeping the buffer. */
  reset(): void {
    this.position = 0;
  }

  /** Prints the writer's state for debugging, e.g. `ByteWriter(length=12)`. */
  toString(): string {
    return `ByteWriter(length=${this.position})`;
  }

  private writeUint32VarInt(n: number): void {
    this.ensure(5);
    const buf = this.buffer;
    let pos = this.position;
    while (n > 0x7f) {
      buf[pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    buf[pos++] = n;
    this.position = pos;
  }

  /** Encodes with the native encoder into room reserved for the longest possible length prefix. */
  private writeLongWellFormedString(s: string): void {
    const maxBytes = s.length * 3;
    const prefixRoom = varIntLength(maxBytes);
    this.ensure(prefixRoom + maxBytes);
    const start = this.position + prefixRoom;
    const { written } = utf8Encoder.encodeInto(s, this.buffer.subarray(start, start + maxBytes));
    const prefixLength = varIntLength(written);
    if (prefixLength < prefixRoom) {
      this.buffer.copyWithin(this.position + prefixLength, start, start + written);
    }
    this.writeVarInt(written);
    this.position += written;
  }

  private ensure(extra: number): void {
    const needed = this.position + extra;
    if (needed <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.position));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }
}

/** The UTF-8 (generalized for lone surrogates) byte length of `s`, whose first `from` units are ASCII. */
function utf8Length(s: string, from: number): number {
  let length = from;
  const n = s.length;
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) length += 1;
    else if (c < 0x800) length += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        length += 4;
        i++;
      } else length += 3;
    } else length += 3;
  }
  return length;
}

/** The number of bytes of the varint encoding of the non-negative safe integer `n`. */
function varIntLength(n: number): number {
  let length = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    length++;
  }
  return length;
}
