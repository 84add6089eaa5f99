import { describe, expect, it } from "vitest";
import { eventTimer, processingTimer, valueState, type DoFn } from "@tributary/core";
import { KeyedStateRuntime } from "../../src/runner/state/KeyedStateRuntime";
import { InMemoryStateBackend } from "../../src/runner/state/InMemoryStateBackend";
import { KeyNamespace } from "../../src/runner/state/KeyNamespace";
import type { StateNamespace, TimerData } from "../../src/runner/state/StateBackend";
import { GlobalWindow } from "../../src/windowing/GlobalWindow";
import { WindowingStrategy } from "../../src/windowing/WindowingStrategy";

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
