import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { structuralKey } from "../../src/coders/structuralKey";
import { KeyMap } from "../../src/runner/KeyMap";

describe("KeyMap", () => {
  it("treats keys as the same exactly when their structural keys are equal", () => {
    const m = new KeyMap<string>();
    m.set(0, "zero");
    m.set(NaN, "nan");
    m.set("1", "string one");
    m.set(1, "number one");
    m.set({ a: 1, b: [2] }, "object");
    m.set("{1:a", "string that looks like an encoding");
    expect(m.get(-0)).toBe("zero");
    expect(m.get(Number.NaN)).toBe("nan");
    expect(m.get("1")).toBe("string one");
    expect(m.get(1)).toBe("number one");
    expect(m.get({ b: [2], a: 1 })).toBe("object");
    expect(m.get(structuralKey({ a: 1, b: [2] }))).toBeUndefined();
    expect(m.get(null)).toBeUndefined();
    expect(m.size).toBe(6);
    expect(m.delete({ a: 1, b: [2] })).toBe(true);
    expect(m.delete(-0)).toBe(true);
    expect([...m.values()].sort()).toEqual([
      "nan",
      "number one",
      "string one",
      "string that looks like an encoding",
    ]);
  });

  it("rejects a key without a deterministic encoding", () => {
    expect(() => new KeyMap().get({ f: () => 1 })).toThrow(/function/);
  });

  it("agrees with a Map keyed by structuralKey", () => {
    const key = fc.oneof(fc.jsonValue(), fc.double(), fc.constantFrom(0, -0, NaN, undefined));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer()), { maxLength: 30 }), (entries) => {
        const m = new KeyMap<number>();
        const reference = new Map<string, number>();
        for (const [k, v] of entries) {
          m.set(k, v);
          reference.set(structuralKey(k), v);
        }
        expect(m.size).toBe(reference.size);
        for (const [k] of entries) expect(m.get(k)).toBe(reference.get(structuralKey(k)));
      }),
    );
  });

  it("check accepts the keys a KeyMap can hold and rejects those without a deterministic encoding", () => {
    for (const key of ["a", 1, NaN, true, null, undefined, { a: [1] }, new Uint8Array([1])])
      expect(() => KeyMap.check(key)).not.toThrow();
    expect(() => KeyMap.check(() => 1)).toThrow(/function/);
    expect(() => new KeyMap().get(() => 1)).toThrow(/function/);
  });
});
