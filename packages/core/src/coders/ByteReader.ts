/** Strings of at least this many bytes are decoded with `TextDecoder`; shorter ones in JavaScript. */
const NATIVE_UTF8_MIN_BYTES = 32;
/** Code units passed to one `String.fromCharCode` call when decoding long strings in JavaScript. */
const CHUNK = 4096;

const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Reads what a {@link ByteWriter} wrote: the mirror of its methods, over one `Uint8Array`.
 *
 * Every read checks that the input holds the bytes it needs and otherwise throws a `RangeError`
 * that says how many bytes were needed at which offset, so truncated or corrupt input never yields
 * a silently wrong value.
 * @example
 * ```ts
 * const input = new ByteReader(new Uint8Array([0xac, 0x02]));
 * input.readVarInt(); // 300
 * input.remaining; // 0
 * ```
 * @public
 */
export class ByteReader {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private pos = 0;

  /** Reads `bytes` from its first byte; the array is not copied and must not change while read. */
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The offset of the next byte to read. */
  get position(): number {
    return this.pos;
  }

  /** The number of bytes not read yet. */
  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /**
   * Reads one byte.
   * @throws RangeError when the input is exhausted.
   */
  readByte(): number {
    if (this.pos >= this.bytes.length) this.truncated(1);
    return this.bytes[this.pos++]!;
  }

  /**
   * Reads an unsigned varint written by {@link ByteWriter.writeVarInt}.
   * @throws RangeError when the input ends inside the varint, or it is longer than 10 bytes or
   * above 2^64.
   */
  readVarInt(): number {
    const bytes = this.bytes;
    const end = bytes.length;
    let pos = this.pos;
    // Up to 4 bytes (28 bits) in int32 arithmetic.
    let result = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) this.truncatedVarInt(pos);
      const b = bytes[pos++]!;
      result |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return result;
      }
    }
    // Beyond 28 bits, in floating point (exact for every integer the writer accepts).
    let scale = 0x1000_0000;
    for (let i = 4; i < 10; i++) {
      if (pos >= end) this.truncatedVarInt(pos);
      const b = bytes[pos++]!;
      if (i === 9 && b > 1) break;
      result += (b & 0x7f) * scale;
      if (b < 0x80) {
        this.pos = pos;
        return result;
      }
      scale *= 128;
    }
    throw new RangeError(`Malformed varint at offset ${this.pos}: more than 64 bits`);
  }

  /**
   * Reads a signed safe integer written by {@link ByteWriter.writeZigZagVarInt}.
   * @throws RangeError when the input is truncated or the value is not a safe integer.
   */
  readZigZagVarInt(): number {
    const start = this.pos;
    const first = this.readByte();
    const negative = (first & 1) === 1;
    let m = (first >> 1) & 0x3f;
    if (first >= 0x80) m += this.readVarInt() * 64;
    if (m > Number.MAX_SAFE_INTEGER - (negative ? 1 : 0)) {
      throw new RangeError(`Zigzag varint at offset ${start} is outside the safe integer range`);
    }
    return negative ? -m - 1 : m;
  }

  /**
   * Reads a big-endian 64-bit double.
   * @throws RangeError when fewer than 8 bytes remain.
   */
  readDouble(): number {
    if (this.pos + 8 > this.bytes.length) this.truncated(8);
    const x = this.view.getFloat64(this.pos);
    this.pos += 8;
    return x;
  }

  /**
   * Reads a big-endian unsigned 32-bit integer.
   * @throws RangeError when fewer than 4 bytes remain.
   */
  readUint32(): number {
    if (this.pos + 4 > this.bytes.length) this.truncated(4);
    const n = this.view.getUint32(this.pos);
    this.pos += 4;
    return n;
  }

  /**
   * Reads a bigint written by {@link ByteWriter.writeBigInt}.
   * @throws RangeError when the input is truncated.
   */
  readBigInt(): bigint {
    const header = this.readVarInt();
    const byteLength = Math.floor(header / 2);
    if (this.pos + byteLength > this.bytes.length) this.truncated(byteLength);
    if (byteLength === 0) return 0n;
    const bytes = this.bytes;
    let hex = "0x";
    for (let i = this.pos, end = this.pos + byteLength; i < end; i++) {
      hex += (bytes[i]! < 16 ? "0" : "") + bytes[i]!.toString(16);
    }
    this.pos += byteLength;
    const magnitude = BigInt(hex);
    return header % 2 === 1 ? -magnitude : magnitude;
  }

  /**
   * Reads `length` bytes with no length prefix, as a copy.
   * @throws RangeError when fewer than `length` bytes remain.
   */
  readRawBytes(length: number): Uint8Array {
    if (this.pos + length > this.bytes.length) this.truncated(length);
    const out = this.bytes.slice(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  /**
   * Reads a length-prefixed byte array written by {@link ByteWriter.writeBytes}, as a copy.
   * @throws RangeError when the input is truncated.
   */
  readBytes(): Uint8Array {
    return this.readRawBytes(this.readVarInt());
  }

  /**
   * Reads a length-prefixed UTF-8 string written by {@link ByteWriter.writeString}.
   * @throws RangeError when the input is truncated or the bytes are not (generalized) UTF-8.
   */
  readString(): string {
    const length = this.readVarInt();
    const start = this.pos;
    const end = start + length;
    if (end > this.bytes.length) this.truncated(length);
    this.pos = end;
    if (length >= NATIVE_UTF8_MIN_BYTES) {
      try {
        return utf8Decoder.decode(this.bytes.subarray(start, end));
      } catch {
        // Lone surrogates (generalized UTF-8) or corrupt bytes: the JavaScript decoder tells which.
      }
    }
    return decodeUtf8(this.bytes, start, end);
  }

  /** Prints the reader's state for debugging, e.g. `ByteReader(position=3, remaining=9)`. */
  toString(): string {
    return `ByteReader(position=${this.pos}, remaining=${this.remaining})`;
  }

  private truncated(needed: number): never {
    throw new RangeError(
      `Truncated input: needed ${needed} byte(s) at offset ${this.pos}, but only ${this.remaining} remain ` +
        `of ${this.bytes.length}`,
    );
  }

  private truncatedVarInt(at: number): never {
    throw new RangeError(
      `Truncated input: the varint at offset ${this.pos} continues past the end of the input ` +
        `(${this.bytes.length} bytes, ended at offset ${at})`,
    );
  }
}

/** Decodes generalized UTF-8 (UTF-8 plus encoded lone surrogates) from `bytes[start, end)`. */
function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  let out = "";
  let units: number[] | undefined;
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    let c: number;
    if (b < 0x80) {
      c = b;
      i += 1;
    } else if (b >= 0xc2 && b < 0xe0) {
      c = ((b & 0x1f) << 6) | continuation(bytes, i + 1, end);
      i += 2;
    } else if (b >= 0xe0 && b < 0xf0) {
      c = ((b & 0x0f) << 12) | (continuation(bytes, i + 1, end) << 6) | continuation(bytes, i + 2, end);
      if (c < 0x800) invalidUtf8(i);
      i += 3;
    } else if (b >= 0xf0 && b < 0xf5) {
      c =
        ((b & 0x07) << 18) |
        (continuation(bytes, i + 1, end) << 12) |
        (continuation(bytes, i + 2, end) << 6) |
        continuation(bytes, i + 3, end);
      if (c < 0x10000 || c > 0x10ffff) invalidUtf8(i);
      i += 4;
    } else {
      invalidUtf8(i);
    }
    if (end - start < NATIVE_UTF8_MIN_BYTES) {
      out += c < 0x10000 ? String.fromCharCode(c) : String.fromCodePoint(c);
      continue;
    }
    units ??= [];
    if (c < 0x10000) units.push(c);
    else units.push(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff));
    if (units.length >= CHUNK) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  if (units !== undefined && units.length > 0) out += String.fromCharCode(...units);
  return out;
}

function continuation(bytes: Uint8Array, i: number, end: number): number {
  const b = i < end ? bytes[i]! : 0;
  if ((b & 0xc0) !== 0x80) invalidUtf8(i);
  return b & 0x3f;
}

function invalidUtf8(at: number): never {
  throw new RangeError(`Invalid UTF-8 in string at byte offset ${at}`);
}
