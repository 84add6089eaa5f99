import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MinHeap } from "../../src/runner/MinHeap";

describe("MinHeap", () => {
  it("pops items in (priority, tieBreak) order, whatever the order of the pushes", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            priority: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(-Infinity, Infinity)),
            tieBreak: fc.integer({ min: 0, max: 3 }),
          }),
        ),
        (entries) => {
          const heap = new MinHeap<number>();
          entries.forEach((e, i) => heap.push(i, e.priority, e.tieBreak));
          const popped: Array<{ priority: number; tieBreak: number }> = [];
          while (heap.size > 0) {
            const priority = heap.peekPriority();
            const tieBreak = heap.peekTieBreak();
            const i = heap.pop()!;
            expect(entries[i]).toEqual({ priority, tieBreak });
            popped.push({ priority, tieBreak });
          }
          const sorted = [...entries].sort((a, b) => a.priority - b.priority || a.tieBreak - b.tieBreak);
          expect(popped).toEqual(sorted);
        },
      ),
    );
  });

  it("interleaves pushes and pops", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 20 }))), (ops) => {
        const heap = new MinHeap<number>();
        const model: number[] = [];
        for (const op of ops) {
          if (op === null) {
            model.sort((a, b) => a - b);
            expect(heap.pop()).toBe(model.shift());
          } else {
            heap.push(op, op);
            model.push(op);
          }
          expect(heap.size).toBe(model.length);
        }
      }),
    );
  });

  it("reports an empty heap as Infinity with no item", () => {
    const heap = new MinHeap<string>();
    expect(heap.peek()).toBeUndefined();
    expect(heap.peekPriority()).toBe(Infinity);
    expect(heap.pop()).toBeUndefined();
    heap.push("a", 1);
    expect(heap.pop()).toBe("a");
    expect(heap.peekPriority()).toBe(Infinity);
  });
});
