import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesCoder } from "./bytesCoder";
import { decodeFromBytes } from "./decodeFromBytes";
import { encodeToBytes } from "./encodeToBytes";
import { checkCoderLaws } from "./testing/coderLaws";

describe("bytesCoder", () => {
  it("round-trips byte arrays", () => {
    checkCoderLaws(bytesCoder, fc.oneof(fc.uint8Array(), fc.uint8Array({ minLength: 200, maxLength: 400 })));
  });

  it("encodes a Buffer like the Uint8Array with its bytes and decodes to a plain Uint8Array", () => {
    const bytes = encodeToBytes(bytesCoder, Buffer.from([1, 2, 3]));
    expect([...bytes]).toEqual([3, 1, 2, 3]);
    const decoded = decodeFromBytes(bytesCoder, bytes);
    expect(Object.getPrototypeOf(decoded)).toBe(Uint8Array.prototype);
  });

  it("is deterministic, prints itself and rejects other values", () => {
    expect(bytesCoder.deterministic).toBe(true);
    expect(String(bytesCoder)).toBe("bytesCoder");
    expect(() => encodeToBytes(bytesCoder, [1, 2] as unknown as Uint8Array)).toThrow(
      new TypeError("bytesCoder cannot encode an array of length 2"),
    );
  });
});
