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

  it("keeps order through long in-order runs mixed with earlier pushes, pops and retain", () => {
    // Mostly in-order pushes (a timer at an element's time plus a delay) fill the queue's run,
    // past the length at which its consumed head is dropped; the others go into the heap.
    const op = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({ kind: fc.constant("next" as const), step: fc.integer({ min: 0, max: 2 }) }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant("early" as const), back: fc.integer({ min: 1, max: 50 }) }),
      },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant("pop" as const) }) },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant("pops" as const), n: fc.integer({ min: 1, max: 1500 }) }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant("burst" as const), n: fc.integer({ min: 1, max: 1500 }) }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant("retain" as const), mod: fc.integer({ min: 2, max: 5 }) }),
      },
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 300 }), (ops) => {
        const heap = new MinHeap<number>();
        const model: Array<{ id: number; p: number }> = [];
        const byOrder = (a: { id: number; p: number }, b: { id: number; p: number }) =>
          a.p - b.p || a.id - b.id;
        let time = 0;
        let id = 0;
        const popOne = () => {
          model.sort(byOrder);
          const want = model.shift();
          expect(heap.peekPriority()).toBe(want?.p ?? Infinity);
          expect(heap.peekTieBreak()).toBe(want?.id ?? Infinity);
          expect(heap.pop()).toBe(want?.id);
        };
        for (const o of ops) {
          if (o.kind === "burst") {
            for (let i = 0; i < o.n; i++) {
              heap.push(id, time, id);
              model.push({ id: id++, p: time });
            }
          } else if (o.kind === "next" || o.kind === "early") {
            if (o.kind === "next") time += o.step;
            const p = o.kind === "next" ? time : time - o.back;
            heap.push(id, p, id);
            model.push({ id: id++, p });
          } else if (o.kind === "pop") popOne();
          else if (o.kind === "pops") for (let i = 0; i < o.n; i++) popOne();
          else {
            heap.retain((x) => x % o.mod !== 0);
            model.splice(0, model.length, ...model.filter((e) => e.id % o.mod !== 0));
          }
          expect(heap.size).toBe(model.length);
        }
        while (model.length > 0) popOne();
        expect(heap.pop()).toBeUndefined();
      }),
      { numRuns: 60 },
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

describe("MinHeap.retain", () => {
  it("keeps the items kept, in (priority, tieBreak) order", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            priority: fc.integer({ min: -5, max: 5 }),
            tieBreak: fc.integer({ min: 0, max: 3 }),
            keep: fc.boolean(),
          }),
        ),
        (entries) => {
          const heap = new MinHeap<number>();
          entries.forEach((e, i) => heap.push(i, e.priority, e.tieBreak));
          heap.retain((i) => entries[i]!.keep);
          const popped: Array<{ priority: number; tieBreak: number }> = [];
          while (heap.size > 0) {
            const i = heap.pop()!;
            expect(entries[i]!.keep).toBe(true);
            popped.push({ priority: entries[i]!.priority, tieBreak: entries[i]!.tieBreak });
          }
          const sorted = entries
            .filter((e) => e.keep)
            .map(({ priority, tieBreak }) => ({ priority, tieBreak }))
            .sort((a, b) => a.priority - b.priority || a.tieBreak - b.tieBreak);
          expect(popped).toEqual(sorted);
        },
      ),
    );
  });
});
