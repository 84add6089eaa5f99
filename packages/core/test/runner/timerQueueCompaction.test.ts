import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventTimer, processingTimer, valueState, type DoFn } from "@tributary/core";
import { MinHeap } from "../../src/runner/MinHeap";
import { KeyedStateRuntime } from "../../src/runner/state/KeyedStateRuntime";
import { InMemoryStateBackend } from "../../src/runner/state/InMemoryStateBackend";
import { KeyNamespace } from "../../src/runner/state/KeyNamespace";
import type { StateNamespace, TimerData } from "../../src/runner/state/StateBackend";
import { GlobalWindow } from "../../src/windowing/GlobalWindow";
import { WindowingStrategy } from "../../src/windowing/WindowingStrategy";

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

describe("KeyedStateRuntime: timers set again", () => {
  const DAY = 86_400_000;
  const last = valueState<number>("last");
  const forget = eventTimer("forget");
  const poll = processingTimer("poll");
  const fn: DoFn<unknown, unknown> = { state: { last }, timers: { forget, poll }, process() {} };

  it("keeps O(live timers) queue entries, not one per set, and fires each key's latest timer once", () => {
    const runtime = new KeyedStateRuntime(
      "step",
      new InMemoryStateBackend(),
      fn,
      WindowingStrategy.GLOBAL_DEFAULT,
      () => 0,
      0,
    );
    const keys = 100;
    const latest = new Map<string, number>();
    let maxQueued = 0;
    for (let i = 0; i < 200_000; i++) {
      const key = `card-${i % keys}`;
      runtime.enter(new KeyNamespace(key, GlobalWindow.INSTANCE, JSON.stringify(key)), i);
      // A 30-day timer moved later by every element (a "forget this card" timer) ...
      runtime.timers.access(forget).set(i + 30 * DAY);
      // ... and a processing-time timer set and cleared again.
      runtime.timers.access(poll).set(i + 1000);
      if (i % 2 === 0) runtime.timers.access(poll).clear();
      latest.set(key, i + 30 * DAY);
      maxQueued = Math.max(maxQueued, runtime.queuedEntries);
    }
    runtime.ns = undefined;
    // Before: 200,000 event-time entries and as many processing-time ones (and holds).
    expect(maxQueued).toBeLessThan(3 * 2 * 1024);
    const fired: Array<[unknown, number]> = [];
    runtime.fireEventTimers(
      Infinity,
      (ns: StateNamespace, t: TimerData) => fired.push([ns.key, t.fireTimestamp]),
      () => {},
    );
    expect(fired).toEqual([...latest].sort((a, b) => a[1] - b[1]));
  });
});
