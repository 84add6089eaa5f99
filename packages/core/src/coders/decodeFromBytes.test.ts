import { describe, expect, it } from "vitest";
import { decodeFromBytes } from "./decodeFromBytes";
import { encodeToBytes } from "./encodeToBytes";
import { stringCoder } from "./stringCoder";
import { varIntCoder } from "./varIntCoder";

describe("decodeFromBytes", () => {
  it("runs its TSDoc example", () => {
    expect(decodeFromBytes(stringCoder, encodeToBytes(stringCoder, "a"))).toBe("a");
  });

  it("rejects bytes after the value, naming the coder", () => {
    expect(() => decodeFromBytes(varIntCoder, new Uint8Array([2, 0, 0]))).toThrow(
      new RangeError(
        "decodeFromBytes(varIntCoder): 2 trailing byte(s) after the value, which ended at offset 1 of 3",
      ),
    );
  });

  it("rejects truncated input with a RangeError", () => {
    expect(() => decodeFromBytes(stringCoder, new Uint8Array([3, 0x61]))).toThrow(
      new RangeError("Truncated input: needed 3 byte(s) at offset 1, but only 1 remain of 2"),
    );
  });
});
