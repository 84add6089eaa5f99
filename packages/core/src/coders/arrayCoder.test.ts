import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arrayCoder } from "./arrayCoder";
import { doubleCoder } from "./doubleCoder";
import { encodeToBytes } from "./encodeToBytes";
import { nullableCoder } from "./nullableCoder";
import { stringCoder } from "./stringCoder";
import { checkCoderLaws } from "./testing/coderLaws";
import { anyString } from "./testing/plainData";

describe("arrayCoder", () => {
  it("round-trips arrays, nested ones included", () => {
    checkCoderLaws(arrayCoder(stringCoder), fc.array(anyString));
    checkCoderLaws(
      arrayCoder(arrayCoder(nullableCoder(stringCoder))),
      fc.array(fc.array(fc.option(anyString, { nil: null }), { maxLength: 5 }), { maxLength: 5 }),
      { numRuns: 300 },
    );
  });

  it("writes the count then each element, and encodes readonly arrays", () => {
    const values: readonly string[] = ["a", "b"];
    expect([...encodeToBytes(arrayCoder(stringCoder), values)]).toEqual([2, 1, 0x61, 1, 0x62]);
  });

  it("rejects non-arrays, naming itself", () => {
    expect(() => encodeToBytes(arrayCoder(stringCoder), "ab" as unknown as string[])).toThrow(
      new TypeError('arrayCoder(stringCoder) cannot encode the string "ab"'),
    );
  });

  it("inherits determinism and prints itself as code", () => {
    expect(arrayCoder(stringCoder).deterministic).toBe(true);
    expect(arrayCoder(doubleCoder).deterministic).toBe(false);
    expect(String(arrayCoder(nullableCoder(stringCoder)))).toBe("arrayCoder(nullableCoder(stringCoder))");
  });
});
