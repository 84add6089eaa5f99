import { describe, expect, it } from "vitest";
import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";
import { bytesCoder } from "./bytesCoder";
import { encodeToBytes } from "./encodeToBytes";
import { varIntCoder } from "./varIntCoder";

describe("encodeToBytes", () => {
  it("runs its TSDoc example", () => {
    expect([...encodeToBytes(varIntCoder, 300)]).toEqual([0xd8, 0x04]);
  });

  it("returns independent arrays of exactly the encoded length", () => {
    const a = encodeToBytes(varIntCoder, 1);
    const b = encodeToBytes(varIntCoder, 2);
    expect([...a]).toEqual([2]);
    expect([...b]).toEqual([4]);
    expect(a.buffer.byteLength).toBe(1);
  });

  it("supports coders that call it while encoding", () => {
    // A coder that nests an encoding as bytes (as a length-prefixed envelope would).
    const envelope: Coder<number> = {
      encode(value: number, out: ByteWriter): void {
        bytesCoder.encode(encodeToBytes(varIntCoder, value), out);
      },
      decode(_input: ByteReader): number {
        throw new Error("not needed");
      },
      deterministic: true,
      toString: () => "envelope",
    };
    expect([...encodeToBytes(envelope, 1)]).toEqual([1, 2]);
    expect([...encodeToBytes(varIntCoder, 3)]).toEqual([6]);
  });

  it("recovers after a coder throws midway", () => {
    expect(() => encodeToBytes(varIntCoder, 0.5)).toThrow(RangeError);
    expect([...encodeToBytes(varIntCoder, 1)]).toEqual([2]);
  });
});
