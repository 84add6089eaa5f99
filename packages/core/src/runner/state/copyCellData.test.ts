import { describe, expect, it } from "vitest";
import { copyCellData } from "./copyCellData";

describe("copyCellData", () => {
  it("copies arrays, plain objects, Maps, Sets, bytes and Dates deeply, so changes to the original do not show", () => {
    const original = {
      recent: ["a", "b"],
      nested: { counts: [1, 2], at: new Date(5) },
      map: new Map([["k", [1]]]),
      set: new Set([1, 2]),
      bytes: new Uint8Array([1, 2, 3]),
    };
    const copy = copyCellData(original);
    expect(copy).toEqual(original);
    original.recent.push("c");
    original.nested.counts[0] = 9;
    original.nested.at.setTime(6);
    original.map.get("k")!.push(2);
    original.set.add(3);
    original.bytes[0] = 9;
    expect(copy).toEqual({
      recent: ["a", "b"],
      nested: { counts: [1, 2], at: new Date(5) },
      map: new Map([["k", [1]]]),
      set: new Set([1, 2]),
      bytes: new Uint8Array([1, 2, 3]),
    });
  });

  it("returns primitives as they are", () => {
    for (const v of ["s", 1, -0, NaN, 2n, true, null, undefined]) expect(copyCellData(v)).toBe(v);
  });

  it("keeps an own property named __proto__ as data, not as the prototype", () => {
    const original = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const copy = copyCellData(original);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("copies class instances as structuredClone does (their own data, as plain objects)", () => {
    class Accumulator {
      constructor(readonly sum: number) {}
    }
    const copy = copyCellData(new Accumulator(3));
    expect(copy).toEqual(structuredClone(new Accumulator(3)));
    expect(copy).not.toBeInstanceOf(Accumulator);
  });
});
