import { describe, expect, it } from "vitest";
import { ByteReader } from "./ByteReader";
import { ByteWriter } from "./ByteWriter";

const reader = (...bytes: number[]): ByteReader => new ByteReader(new Uint8Array(bytes));

describe("ByteReader", () => {
  it("reads its TSDoc example", () => {
    const input = reader(0xac, 0x02);
    expect(input.readVarInt()).toBe(300);
    expect(input.remaining).toBe(0);
    expect(input.toString()).toBe("ByteReader(position=2, remaining=0)");
  });

  it("reads from a view into a larger buffer at the view's offset", () => {
    const out = new ByteWriter();
    out.writeDouble(2.5);
    const backing = new Uint8Array(20);
    backing.set(out.finish(), 7);
    expect(new ByteReader(backing.subarray(7, 15)).readDouble()).toBe(2.5);
  });

  it("throws a RangeError naming the offset when input ends", () => {
    expect(() => reader().readByte()).toThrow(
      new RangeError("Truncated input: needed 1 byte(s) at offset 0, but only 0 remain of 0"),
    );
    expect(() => reader(1, 2, 3).readDouble()).toThrow(/needed 8 byte\(s\) at offset 0, but only 3 remain/);
    expect(() => reader(1, 2).readUint32()).toThrow(/needed 4 byte\(s\)/);
    expect(() => reader(5, 1, 2).readBytes()).toThrow(/needed 5 byte\(s\) at offset 1, but only 2 remain/);
    expect(() => reader(2, 0x61).readString()).toThrow(/needed 2 byte\(s\) at offset 1/);
    expect(() => reader(4, 1).readBigInt()).toThrow(/needed 2 byte\(s\) at offset 1/);
    expect(() => reader(0x80, 0x80).readVarInt()).toThrow(
      new RangeError(
        "Truncated input: the varint at offset 0 continues past the end of the input (2 bytes, ended at offset 2)",
      ),
    );
    expect(() => reader(0x80, 0x80, 0x80, 0x80, 0x80).readVarInt()).toThrow(/continues past the end/);
    expect(() => reader(0x81).readZigZagVarInt()).toThrow(/continues past the end/);
  });

  it("does not advance past a truncated fixed-width read", () => {
    const input = reader(1, 2, 3);
    expect(() => input.readUint32()).toThrow(RangeError);
    expect(input.position).toBe(0);
  });

  it("rejects varints above 64 bits and zigzag values outside the safe range", () => {
    expect(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02).readVarInt()).toThrow(
      new RangeError("Malformed varint at offset 0: more than 64 bits"),
    );
    expect(() =>
      reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).readVarInt(),
    ).toThrow(/more than 64 bits/);
    const out = new ByteWriter();
    out.writeVarInt(2 ** 54); // zigzag of ±2^53: not safe
    expect(() => new ByteReader(out.finish()).readZigZagVarInt()).toThrow(/outside the safe integer range/);
  });

  it("rejects invalid UTF-8 on both the short and the long path", () => {
    expect(() => reader(1, 0xff).readString()).toThrow(
      new RangeError("Invalid UTF-8 in string at byte offset 1"),
    );
    expect(() => reader(2, 0xc3, 0x41).readString()).toThrow(/Invalid UTF-8 in string at byte offset 2/);
    expect(() => reader(2, 0xc0, 0x80).readString()).toThrow(/Invalid UTF-8/); // overlong NUL
    const long = [40, ...new Array<number>(39).fill(0x61), 0x80];
    expect(() => reader(...long).readString()).toThrow(/Invalid UTF-8 in string at byte offset 40/);
  });

  it("returns copies of byte arrays, not views of its input", () => {
    const bytes = new Uint8Array([2, 9, 9]);
    const read = new ByteReader(bytes).readBytes();
    bytes[1] = 0;
    expect([...read]).toEqual([9, 9]);
  });
});
