import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kv } from "../values/KV";
import { doubleCoder } from "./doubleCoder";
import { encodeToBytes } from "./encodeToBytes";
import { kvCoder } from "./kvCoder";
import { stringCoder } from "./stringCoder";
import { checkCoderLaws } from "./testing/coderLaws";
import { anyString } from "./testing/plainData";
import { varIntCoder } from "./varIntCoder";

describe("kvCoder", () => {
  it("round-trips key/value pairs", () => {
    const pairs = fc.tuple(anyString, fc.maxSafeInteger()).map(([k, v]) => kv(k, v));
    checkCoderLaws(kvCoder(stringCoder, varIntCoder), pairs);
  });

  it("writes the key then the value", () => {
    expect([...encodeToBytes(kvCoder(stringCoder, varIntCoder), kv("a", 1))]).toEqual([1, 0x61, 2]);
  });

  it("is deterministic only when both components are, and prints itself as code", () => {
    expect(kvCoder(stringCoder, varIntCoder).deterministic).toBe(true);
    expect(kvCoder(stringCoder, doubleCoder).deterministic).toBe(false);
    expect(kvCoder(doubleCoder, stringCoder).deterministic).toBe(false);
    expect(String(kvCoder(stringCoder, varIntCoder))).toBe("kvCoder(stringCoder, varIntCoder)");
  });
});
