import { VirtualClock } from "@tributary/core";
import { describe, expect, it } from "vitest";
import { DedupCache } from "./DedupCache";

describe("DedupCache", () => {
  it("recognizes an id within the TTL and forgets it after", () => {
    const clock = new VirtualClock(0);
    const cache = new DedupCache(1000, clock);
    expect(cache.add("a")).toBe(true);
    expect(cache.add("a")).toBe(false);
    clock.advanceTo(999);
    expect(cache.add("a")).toBe(false);
    expect(cache.add("b")).toBe(true);
    clock.advanceTo(1000);
    expect(cache.add("a")).toBe(true);
    expect(cache.size).toBe(2);
    clock.advanceTo(5000);
    expect(cache.add("c")).toBe(true);
    expect(cache.size).toBe(1);
  });
});

describe("DedupCache snapshots", () => {
  it("a restored snapshot remembers the same ids until the same expiries (rounded up to the second)", () => {
    const clock = new VirtualClock(0);
    const cache = new DedupCache(10_000, clock);
    cache.add("a");
    clock.advanceTo(2500);
    cache.add("b");
    cache.add("c");
    const snapshot = cache.snapshot();
    expect(snapshot).toEqual([
      [10_000, '["a"]'],
      [13_000, '["b","c"]'],
    ]);
    const restored = new DedupCache(10_000, clock);
    restored.restore(snapshot);
    expect(restored.size).toBe(3);
    expect(restored.add("a")).toBe(false);
    expect(restored.add("d")).toBe(true);
    clock.advanceTo(10_000);
    expect(restored.add("a")).toBe(true);
    expect(restored.add("b")).toBe(false);
    clock.advanceTo(13_000);
    expect(restored.add("c")).toBe(true);
  });

  it("skips expired buckets on restore, and a snapshot is plain JSON-able data", () => {
    const clock = new VirtualClock(0);
    const cache = new DedupCache(1000, clock);
    cache.add("x");
    const snapshot = cache.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    clock.advanceTo(1000);
    const restored = new DedupCache(1000, clock);
    restored.restore(snapshot);
    expect(restored.size).toBe(0);
  });

  it("stays bounded: ids older than the TTL are evicted in whole buckets", () => {
    const clock = new VirtualClock(0);
    const cache = new DedupCache(5000, clock);
    for (let t = 0; t < 100_000; t += 10) {
      clock.advanceTo(t);
      cache.add(`id-${t}`);
    }
    expect(cache.size).toBeLessThanOrEqual(601);
    expect(cache.snapshot().length).toBeLessThanOrEqual(7);
  });
});
