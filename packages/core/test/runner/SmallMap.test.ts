import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SmallMap } from "../../src/runner/state/SmallMap";

type Op = { kind: "set"; key: string; value: number } | { kind: "delete"; key: string };

describe("SmallMap", () => {
  it("behaves as a Map under any sequence of sets and deletes, small and past its switch to a Map", () => {
    // Up to 40 distinct keys, so some runs pass the 16 entries where it becomes a Map.
    const key = fc.integer({ min: 0, max: 39 }).map((i) => `k${i}`);
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), key, value: fc.integer() }),
      fc.record({ kind: fc.constant("delete" as const), key }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const small = new SmallMap<number>();
        const model = new Map<string, number>();
        for (const o of ops) {
          if (o.kind === "set") {
            small.set(o.key, o.value);
            model.set(o.key, o.value);
          } else {
            expect(small.delete(o.key)).toBe(model.delete(o.key));
          }
          expect(small.size).toBe(model.size);
          expect(small.get(o.key)).toBe(model.get(o.key));
        }
        expect([...small.entries()]).toEqual([...model.entries()]);
        expect([...small.values()]).toEqual([...model.values()]);
      }),
    );
  });

  it("keeps an array value as one value", () => {
    const m = new SmallMap<number[]>();
    m.set("a", [1, 2]);
    m.set("b", [3]);
    expect(m.get("a")).toEqual([1, 2]);
    expect([...m.entries()]).toEqual([
      ["a", [1, 2]],
      ["b", [3]],
    ]);
  });

  it("keeps two maps apart, whichever starts first, also after one empties", () => {
    const a = new SmallMap<number>();
    const b = new SmallMap<number>();
    a.set("x", 1);
    expect(b.get("x")).toBeUndefined();
    expect(b.size).toBe(0);
    a.delete("x");
    b.set("y", 2);
    a.set("z", 3);
    expect([...a.entries()]).toEqual([["z", 3]]);
    expect([...b.entries()]).toEqual([["y", 2]]);
    expect([...new SmallMap<number>().entries()]).toEqual([]);
  });

  it("finds nothing for a key never set", () => {
    const m = new SmallMap<string>();
    m.set("a", "x");
    expect(m.get("b")).toBeUndefined();
    expect(m.delete("b")).toBe(false);
    expect(m.size).toBe(1);
  });
});
