import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteReader } from "./ByteReader";
import { ByteWriter } from "./ByteWriter";
import { anyString } from "./testing/plainData";

const bytesOf = (write: (out: ByteWriter) => void): number[] => {
  const out = new ByteWriter(1);
  write(out);
  return [...out.finish()];
};
const readerOf = (write: (out: ByteWriter) => void): ByteReader => {
  const out = new ByteWriter();
  write(out);
  return new ByteReader(out.finish());
};

describe("ByteWriter", () => {
  it("detaches the written bytes without copying them and starts over empty", () => {
    const out = new ByteWriter(1024);
    out.writeVarInt(300);
    const bytes = out.detach();
    expect([...bytes]).toEqual([0xac, 0x02]);
    expect(bytes.buffer.byteLength).toBe(1024); // a view of the writer's buffer, not a copy
    expect(out.length).toBe(0);
    out.writeByte(7);
    expect([...out.finish()]).toEqual([7]);
    expect([...bytes]).toEqual([0xac, 0x02]); // later writes go to a new buffer
  });

  it("writes the bytes of its TSDoc example", () => {
    expect(
      bytesOf((out) => {
        out.writeVarInt(300);
        out.writeString("hé");
      }),
    ).toEqual([0xac, 0x02, 0x03, 0x68, 0xc3, 0xa9]);
  });

  it("writes unsigned varints in the standard layout", () => {
    expect(bytesOf((out) => out.writeVarInt(0))).toEqual([0]);
    expect(bytesOf((out) => out.writeVarInt(127))).toEqual([0x7f]);
    expect(bytesOf((out) => out.writeVarInt(128))).toEqual([0x80, 0x01]);
    expect(bytesOf((out) => out.writeVarInt(2 ** 32))).toEqual([0x80, 0x80, 0x80, 0x80, 0x10]);
    expect(bytesOf((out) => out.writeVarInt(Number.MAX_SAFE_INTEGER))).toEqual([
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f,
    ]);
    expect(bytesOf((out) => out.writeVarInt(2 ** 63))).toEqual([
      0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01,
    ]);
  });

  it("writes zigzag varints as protobuf's sint64 does", () => {
    expect(bytesOf((out) => out.writeZigZagVarInt(0))).toEqual([0]);
    expect(bytesOf((out) => out.writeZigZagVarInt(-1))).toEqual([1]);
    expect(bytesOf((out) => out.writeZigZagVarInt(1))).toEqual([2]);
    expect(bytesOf((out) => out.writeZigZagVarInt(-2))).toEqual([3]);
    expect(bytesOf((out) => out.writeZigZagVarInt(-64))).toEqual([0x7f]);
    expect(bytesOf((out) => out.writeZigZagVarInt(64))).toEqual([0x80, 0x01]);
    // Both sides of the int32 fast path agree with the general formula 2n / -2n-1.
    for (const n of [2 ** 30 - 1, 2 ** 30, -(2 ** 30), -(2 ** 30) - 1, 2 ** 40, -(2 ** 40)]) {
      const z = n >= 0 ? 2 * n : -2 * n - 1;
      expect(bytesOf((out) => out.writeZigZagVarInt(n))).toEqual(bytesOf((out) => out.writeVarInt(z)));
    }
  });

  it("round-trips every varint it accepts", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(readerOf((out) => out.writeVarInt(n)).readVarInt()).toBe(n);
      }),
      { numRuns: 2000 },
    );
    // Integer-valued doubles up to 2^64, written exactly.
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (big) => {
        const n = Number(big);
        fc.pre(n < 2 ** 64);
        expect(readerOf((out) => out.writeVarInt(n)).readVarInt()).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it("round-trips every safe integer as a zigzag varint", () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer()), (n) => {
        const input = readerOf((out) => out.writeZigZagVarInt(n));
        expect(input.readZigZagVarInt()).toBe(n);
        expect(input.remaining).toBe(0);
      }),
      { numRuns: 2000 },
    );
    for (const n of [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, -0]) {
      expect(readerOf((out) => out.writeZigZagVarInt(n)).readZigZagVarInt()).toBe(n === 0 ? 0 : n);
    }
  });

  it("rejects numbers a varint cannot hold, with the value in the message", () => {
    for (const n of [-1, 0.5, NaN, Infinity, 2 ** 64, -0.5]) {
      expect(() => new ByteWriter().writeVarInt(n)).toThrow(
        new RangeError(`writeVarInt needs an integer in [0, 2^64), got ${n}`),
      );
    }
    for (const n of [0.5, NaN, -Infinity, 2 ** 53, -(2 ** 53)]) {
      expect(() => new ByteWriter().writeZigZagVarInt(n)).toThrow(/writeZigZagVarInt needs a safe integer/);
    }
  });

  it("round-trips doubles bit for bit, -0 and NaN included", () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        expect(Object.is(readerOf((out) => out.writeDouble(x)).readDouble(), x)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(bytesOf((out) => out.writeDouble(1))).toEqual([0x3f, 0xf0, 0, 0, 0, 0, 0, 0]);
  });

  it("writes well-formed strings as standard UTF-8, on both the short and the long path", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "binary", minLength: 64 })),
        (s) => {
          const utf8 = new TextEncoder().encode(s);
          const out = new ByteWriter(1);
          out.writeVarInt(utf8.length);
          out.writeRawBytes(utf8);
          expect(bytesOf((w) => w.writeString(s))).toEqual([...out.finish()]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("round-trips every string, lone surrogates included, and never merges two strings", () => {
    fc.assert(
      fc.property(anyString, anyString, (a, b) => {
        const input = readerOf((out) => {
          out.writeString(a);
          out.writeString(b);
        });
        expect(input.readString()).toBe(a);
        expect(input.readString()).toBe(b);
        const same =
          bytesOf((out) => out.writeString(a)).join() === bytesOf((out) => out.writeString(b)).join();
        expect(same).toBe(a === b);
      }),
      { numRuns: 1000 },
    );
    for (const s of [
      "\ud800",
      "\udc00x",
      "x\ud83d",
      "\ud83d\ude00",
      "\ufeffBOM",
      "a".repeat(70) + "\ud800",
    ]) {
      expect(readerOf((out) => out.writeString(s)).readString()).toBe(s);
    }
    expect(bytesOf((out) => out.writeString("\ud800"))).toEqual([3, 0xed, 0xa0, 0x80]);
  });

  it("shifts a long string left when its length prefix is shorter than reserved", () => {
    // 100 ASCII chars reserve a 2-byte prefix (300 bytes worst case) but need 1.
    const s = "a".repeat(100);
    const bytes = bytesOf((out) => out.writeString(s));
    expect(bytes.length).toBe(101);
    expect(bytes[0]).toBe(100);
  });

  it("round-trips bigints of any size in a minimal layout", () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt(), fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n })), (n) => {
        expect(readerOf((out) => out.writeBigInt(n)).readBigInt()).toBe(n);
      }),
      { numRuns: 1000 },
    );
    expect(bytesOf((out) => out.writeBigInt(0n))).toEqual([0]);
    expect(bytesOf((out) => out.writeBigInt(255n))).toEqual([2, 0xff]);
    expect(bytesOf((out) => out.writeBigInt(-256n))).toEqual([5, 0x01, 0x00]);
  });

  it("grows past its initial capacity and keeps what it wrote", () => {
    const out = new ByteWriter(1);
    for (let i = 0; i < 10_000; i++) out.writeVarInt(i);
    out.writeBytes(new Uint8Array(5000).fill(7));
    const input = new ByteReader(out.finish());
    for (let i = 0; i < 10_000; i++) expect(input.readVarInt()).toBe(i);
    expect(input.readBytes()).toEqual(new Uint8Array(5000).fill(7));
    expect(input.remaining).toBe(0);
  });

  it("finish returns a copy and resets the writer for reuse", () => {
    const out = new ByteWriter();
    out.writeByte(1);
    const first = out.finish();
    expect(out.length).toBe(0);
    out.writeByte(2);
    expect([...first]).toEqual([1]);
    expect([...out.finish()]).toEqual([2]);
    expect(out.toString()).toBe("ByteWriter(length=0)");
  });
});
