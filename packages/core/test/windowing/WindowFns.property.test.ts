import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixedWindows, IntervalWindow, sessions, slidingWindows } from "@tributary/core";

const RUNS = { numRuns: 1000 };
const timestamp = fc.integer({ min: -1e12, max: 1e12 });

describe("window assignment (property)", () => {
  it("fixed windows: exactly one window [N*size + offset, (N+1)*size + offset) that contains the timestamp", () => {
    fc.assert(
      fc.property(timestamp, fc.integer({ min: 1, max: 1e7 }), fc.nat(), (t, size, rawOffset) => {
        const offset = rawOffset % size;
        const ws = fixedWindows(size).withOffset(offset).assignWindows(t);
        expect(ws).toHaveLength(1);
        const w = ws[0]!;
        expect(w.start <= t && t < w.end).toBe(true);
        expect(w.end - w.start).toBe(size);
        expect((((w.start - offset) % size) + size) % size).toBe(0);
      }),
      RUNS,
    );
  });

  it("fixed windows: a main window's side-input window is the window of its last instant, whatever one instance assigned before", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e7 }),
        fc.array(fc.tuple(timestamp, timestamp, fc.integer({ min: 1, max: 1e7 })), { maxLength: 20 }),
        (size, steps) => {
          const fn = fixedWindows(size); // one instance: its reuse of the last window is exercised
          for (const [t, mainStart, mainLength] of steps) {
            const assigned = fn.assignWindows(t)[0]!;
            const main = new IntervalWindow(mainStart, mainStart + mainLength);
            const side = fn.sideInputWindow(main);
            const last = main.maxTimestamp();
            expect(side.start <= last && last < side.end).toBe(true);
            expect(side.end - side.start).toBe(size);
            // Asking for a side-input window leaves the elements' assignment as it was.
            expect(fn.assignWindows(t)[0]!.toString()).toBe(assigned.toString());
          }
        },
      ),
      RUNS,
    );
  });

  it("sliding windows: every window of `size` starting at N*period + offset that contains the timestamp (exactly size/period when the period divides the size)", () => {
    fc.assert(
      fc.property(
        timestamp,
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.nat(),
        (t, size, period, rawOffset) => {
          const offset = rawOffset % period;
          const ws = slidingWindows(size).every(period).withOffset(offset).assignWindows(t);
          // Naive reference: scan every start in (t - size, t].
          const expected: string[] = [];
          for (let s = t - size + 1; s <= t; s++)
            if ((((s - offset) % period) + period) % period === 0)
              expected.push(new IntervalWindow(s, s + size).toString());
          expect(ws.map(String).sort()).toEqual(expected.sort());
          if (size % period === 0) expect(ws).toHaveLength(size / period);
          for (const w of ws) expect(w.start <= t && t < w.end).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it("sessions: the proto-window [t, t + gap) contains the timestamp; merging is order-independent and only overlapping windows merge", () => {
    const gapArb = fc.integer({ min: 1, max: 100 });
    fc.assert(
      fc.property(
        gapArb,
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 30 }),
        fc.integer(),
        (gap, ts, seed) => {
          const fn = sessions(gap);
          const protos = ts.map((t) => fn.assignWindows(t)[0]!);
          for (let i = 0; i < ts.length; i++) expect(protos[i]!.contains(ts[i]!)).toBe(true);
          const resultOf = (ws: readonly IntervalWindow[]): string[] => {
            const merged = new Map<string, IntervalWindow>(ws.map((w) => [w.id, w]));
            for (const m of fn.mergeWindows(ws)) {
              for (const w of m.toMerge) merged.delete(w.id);
              merged.set(m.result.id, m.result);
            }
            return [...merged.values()].map(String).sort();
          };
          const shuffled = [...protos].sort(
            (a, b) => ((a.start * 31 + seed) % 97) - ((b.start * 31 + seed) % 97),
          );
          const a = resultOf(protos);
          expect(resultOf(shuffled)).toEqual(a);
          // Naive reference: sort by start and sweep, merging while windows overlap (touching ones do not).
          const sorted = [...protos].sort((x, y) => x.start - y.start);
          const ref: IntervalWindow[] = [];
          for (const w of sorted) {
            const last = ref[ref.length - 1];
            if (last && w.start < last.end)
              ref[ref.length - 1] = new IntervalWindow(last.start, Math.max(last.end, w.end));
            else ref.push(w);
          }
          expect(a).toEqual([...new Set(ref.map(String))].sort());
        },
      ),
      RUNS,
    );
  });
});
