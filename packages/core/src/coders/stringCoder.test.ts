import { describe, expect, it } from "vitest";
import { decodeFromBytes } from "./decodeFromBytes";
import { encodeToBytes } from "./encodeToBytes";
import { stringCoder } from "./stringCoder";
import { checkCoderLaws } from "./testing/coderLaws";
import { anyString } from "./testing/plainData";

describe("stringCoder", () => {
  it("round-trips every string, lone surrogates included", () => {
    checkCoderLaws(stringCoder, anyString);
  });

  it("runs its TSDoc example", () => {
    expect(decodeFromBytes(stringCoder, encodeToBytes(stringCoder, "héllo"))).toBe("héllo");
    expect([...encodeToBytes(stringCoder, "hé")]).toEqual([3, 0x68, 0xc3, 0xa9]);
  });

  it("is deterministic, prints itself and rejects non-strings", () => {
    expect(stringCoder.deterministic).toBe(true);
    expect(String(stringCoder)).toBe("stringCoder");
    expect(() => encodeToBytes(stringCoder, 1 as unknown as string)).toThrow(
      new TypeError("stringCoder cannot encode the number 1"),
    );
  });
});
